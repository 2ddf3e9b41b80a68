using Marten;
using Weasel.Core;
using Weasel.Core.Migrations;
using Weasel.Postgresql;
using Weasel.Postgresql.Functions;
using Weasel.Postgresql.Tables;
using Weasel.Postgresql.Triggers;

namespace Counseling.Api.Caseloads;

/// <summary>
/// The counts the caseload page and the office dashboard show, kept as the caseload entries change rather than counted
/// at every read (docs/decisions/caseload-counts-kept.md). Two small tables, each row a number of open cases:
/// <list type="bullet">
/// <item><c>caseload_counts</c>: by office, counselor, stage and next follow-up date ('infinity' for none), so the
/// overdue follow-ups as of any day are a sum over the dates before it;</item>
/// <item><c>benefit_evidence_due_counts</c>: by office and last day of a benefit month still short of its conditions,
/// so the months at risk within a week are a sum over seven dates (a case's months end a month apart, so no case has
/// two of its dates within one week: the sum counts cases).</item>
/// </list>
/// A trigger on the entries' table keeps them, in the transaction that writes the entry: whatever writes or deletes an
/// entry (the async daemon, a rebuild, a truncation, a test that wipes documents) moves the counts with it, and only
/// the entry's duplicated columns (see <see cref="CaseloadStore"/>) are read, never its JSON. The counts are therefore
/// exactly those a GROUP BY over the open entries would give, on every path the entries take.
/// </summary>
public sealed class CaseloadCounts(StoreOptions options) : FeatureSchemaBase("CaseloadCounts", options.Advanced.Migrator)
{
    public const string CountsTable = "caseload_counts";
    public const string BenefitEvidenceDueTable = "benefit_evidence_due_counts";

    /// <summary>The qualified name of a counts table in <paramref name="session"/>'s store.</summary>
    public static string Qualified(Marten.IQuerySession session, string table) => $"{session.DocumentStore.Options.DatabaseSchemaName}.{table}";

    public override Type StorageType => typeof(CaseloadCounts);

    /// <summary>The trigger names the entries' table: it must exist first.</summary>
    public override IEnumerable<Type> DependentTypes() => [typeof(CaseloadEntry)];

    private PostgresqlObjectName Named(string name, SchemaUtils.IdentifierUsage usage = SchemaUtils.IdentifierUsage.General) =>
        new(options.DatabaseSchemaName, name, usage);

    /// <summary>The caseload counts from the open entries of <paramref name="entries"/> themselves: the columns of <c>caseload_counts</c>.</summary>
    public static string RecountedCases(string entries) =>
        $"""
         SELECT office_id, counselor_id, stage, coalesce(next_follow_up_on, 'infinity'::date) AS follow_up_on, count(*)::integer AS cases
         FROM {entries} WHERE is_open GROUP BY 1, 2, 3, 4
         """;

    /// <summary>The benefit deadlines from the open entries themselves: the columns of <c>benefit_evidence_due_counts</c>.</summary>
    public static string RecountedBenefitEvidenceDue(string entries) =>
        $"""
         SELECT office_id, day AS due_on, count(DISTINCT id)::integer AS cases
         FROM {entries}, unnest(benefit_evidence_due) AS evidence(day) WHERE is_open AND day IS NOT NULL GROUP BY 1, 2
         """;

    /// <summary>The counts from the open entries themselves, replacing whatever the tables held.</summary>
    private static string Recount(string entries, string counts, string due) =>
        $"""
         DELETE FROM {counts};
         DELETE FROM {due};
         INSERT INTO {counts} (office_id, counselor_id, stage, follow_up_on, cases)
         {RecountedCases(entries)};
         INSERT INTO {due} (office_id, due_on, cases)
         {RecountedBenefitEvidenceDue(entries)};
         """;

    /// <summary>
    /// The trigger that keeps the counts, which counts what is already there when it is created: a database whose entries
    /// were written before the counts existed (an upgrade) has them right from the migration on, without a rebuild.
    /// </summary>
    private sealed class CountingFromNowTrigger(PostgresqlObjectName name, DbObjectName target, string functionCall, string recount)
        : Trigger(name, target, functionCall)
    {
        public override void WriteCreateStatement(Migrator migrator, TextWriter writer)
        {
            base.WriteCreateStatement(migrator, writer);
            writer.WriteLine(recount);
        }
    }

    protected override IEnumerable<ISchemaObject> schemaObjects()
    {
        var schema = options.DatabaseSchemaName;
        var entries = ((IReadOnlyStoreOptions)options).FindOrResolveDocumentType(typeof(CaseloadEntry)).TableName;
        var counts = $"{schema}.{CountsTable}";
        var due = $"{schema}.{BenefitEvidenceDueTable}";

        var countsTable = new Table(Named(CountsTable));
        countsTable.AddColumn<string>("office_id").NotNull().AsPrimaryKey();
        countsTable.AddColumn<string>("counselor_id").NotNull().AsPrimaryKey();
        countsTable.AddColumn<string>("stage").NotNull().AsPrimaryKey();
        countsTable.AddColumn("follow_up_on", "date").NotNull().AsPrimaryKey();
        countsTable.AddColumn<int>("cases").NotNull();
        // The caseload page reads a counselor's rows; the dashboard an office's, through the primary key.
        countsTable.Indexes.Add(new IndexDefinition($"{CountsTable}_idx_counselor") { Columns = ["counselor_id"] });
        yield return countsTable;

        var dueTable = new Table(Named(BenefitEvidenceDueTable));
        dueTable.AddColumn<string>("office_id").NotNull().AsPrimaryKey();
        dueTable.AddColumn("due_on", "date").NotNull().AsPrimaryKey();
        dueTable.AddColumn<int>("cases").NotNull();
        yield return dueTable;

        // One entry's change: what it counted for before (OLD, when open) comes off, what it counts for now (NEW, when
        // open) goes on; a change that moves neither key (most: a contact, a note) writes nothing. Rows at zero are
        // deleted, so the dates that have passed do not pile up.
        var keep = Named("mt_caseload_counts_keep", SchemaUtils.IdentifierUsage.Function);
        yield return new Function(keep,
            $$"""
              CREATE OR REPLACE FUNCTION {{keep.QualifiedName}}() RETURNS trigger LANGUAGE plpgsql AS $function$
              DECLARE
                counted_before boolean := false;
                counted_after boolean := false;
              BEGIN
                IF TG_OP <> 'INSERT' THEN counted_before := coalesce(OLD.is_open, false); END IF;
                IF TG_OP <> 'DELETE' THEN counted_after := coalesce(NEW.is_open, false); END IF;

                IF NOT (counted_before AND counted_after
                        AND OLD.office_id = NEW.office_id AND OLD.counselor_id = NEW.counselor_id AND OLD.stage = NEW.stage
                        AND OLD.next_follow_up_on IS NOT DISTINCT FROM NEW.next_follow_up_on) THEN
                  IF counted_before THEN
                    UPDATE {{counts}} SET cases = cases - 1
                     WHERE office_id = OLD.office_id AND counselor_id = OLD.counselor_id AND stage = OLD.stage
                       AND follow_up_on = coalesce(OLD.next_follow_up_on, 'infinity'::date);
                    DELETE FROM {{counts}}
                     WHERE office_id = OLD.office_id AND counselor_id = OLD.counselor_id AND stage = OLD.stage
                       AND follow_up_on = coalesce(OLD.next_follow_up_on, 'infinity'::date) AND cases = 0;
                  END IF;
                  IF counted_after THEN
                    INSERT INTO {{counts}} AS c (office_id, counselor_id, stage, follow_up_on, cases)
                    VALUES (NEW.office_id, NEW.counselor_id, NEW.stage, coalesce(NEW.next_follow_up_on, 'infinity'::date), 1)
                    ON CONFLICT (office_id, counselor_id, stage, follow_up_on) DO UPDATE SET cases = c.cases + 1;
                  END IF;
                END IF;

                IF NOT (counted_before AND counted_after AND OLD.office_id = NEW.office_id
                        AND OLD.benefit_evidence_due IS NOT DISTINCT FROM NEW.benefit_evidence_due) THEN
                  IF counted_before AND cardinality(OLD.benefit_evidence_due) > 0 THEN
                    UPDATE {{due}} SET cases = cases - 1
                     WHERE office_id = OLD.office_id AND due_on = ANY (OLD.benefit_evidence_due);
                    DELETE FROM {{due}}
                     WHERE office_id = OLD.office_id AND due_on = ANY (OLD.benefit_evidence_due) AND cases = 0;
                  END IF;
                  IF counted_after AND cardinality(NEW.benefit_evidence_due) > 0 THEN
                    INSERT INTO {{due}} AS d (office_id, due_on, cases)
                    SELECT DISTINCT NEW.office_id, day, 1 FROM unnest(NEW.benefit_evidence_due) AS evidence(day) WHERE day IS NOT NULL
                    ON CONFLICT (office_id, due_on) DO UPDATE SET cases = d.cases + 1;
                  END IF;
                END IF;
                RETURN NULL;
              END
              $function$;
              """);

        // TRUNCATE fires no row trigger: the counts of a truncated table are none.
        var clear = Named("mt_caseload_counts_clear", SchemaUtils.IdentifierUsage.Function);
        yield return new Function(clear,
            $$"""
              CREATE OR REPLACE FUNCTION {{clear.QualifiedName}}() RETURNS trigger LANGUAGE plpgsql AS $function$
              BEGIN
                DELETE FROM {{counts}};
                DELETE FROM {{due}};
                RETURN NULL;
              END
              $function$;
              """);

        // Two triggers on one function: PostgreSQL lists the events of one trigger in its own order (INSERT OR DELETE OR
        // UPDATE), which Weasel's comparison would take for a change at every start.
        var recount = Recount(entries.QualifiedName, counts, due);
        yield return new CountingFromNowTrigger(Named("mt_caseload_counts_keep"), entries, $"{keep.QualifiedName}()", recount)
        {
            Timing = TriggerTiming.After,
            Events = TriggerEvents.Insert | TriggerEvents.Delete,
            ForEachRow = true,
        };
        yield return new CountingFromNowTrigger(Named("mt_caseload_counts_keep_updates"), entries, $"{keep.QualifiedName}()", recount)
        {
            Timing = TriggerTiming.After,
            Events = TriggerEvents.Update,
            ForEachRow = true,
        };
        yield return new Trigger(Named("mt_caseload_counts_clear"), entries, $"{clear.QualifiedName}()")
        {
            Timing = TriggerTiming.After,
            Events = TriggerEvents.Truncate,
            ForEachRow = false,
        };
    }
}
