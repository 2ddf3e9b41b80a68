using System.Collections.Concurrent;
using System.Reflection;
using Counseling.Domain.Cases;

namespace Counseling.Api.PersonalData;

/// <summary>
/// What is personal in the events, as the events themselves mark it: every field carrying <see cref="PersonalDataAttribute"/>
/// (a text or a list of texts), also within a record an event holds (the worker's details, a plan's actions).
/// <see cref="Map"/> applies one function to those fields, to encrypt them before an append and to reveal them where a
/// person reads. Anything not marked stays in clear for statistics and decisions: stages, dates, outcomes, codes,
/// employers, positions, wages (docs/personal-data.md). A new event declares its own personal fields where it is
/// written; nothing here changes.
/// </summary>
public static class SensitiveFields
{
    private enum Shape { Text, Texts, Record, Records }

    private sealed record Member(PropertyInfo Property, Shape Shape, Type? ItemType);

    private static readonly ConcurrentDictionary<Type, Member[]> MembersByType = new();

    public static bool AreIn(object @event) => MembersOf(@event.GetType()).Length > 0;

    /// <summary>
    /// A copy of <paramref name="value"/> with <paramref name="map"/> applied to each personal text (each item of a list
    /// of them); the value itself when it has none. Older events may lack a field a newer shape has: a missing value
    /// stays missing.
    /// </summary>
    public static object Map(object value, Func<string, string> map)
    {
        var members = MembersOf(value.GetType());
        if (members.Length == 0) return value;
        var copy = Clone(value);
        foreach (var member in members)
        {
            if (member.Property.GetValue(value) is not { } current) continue;
            member.Property.SetValue(copy, member.Shape switch
            {
                Shape.Text => map((string)current),
                Shape.Texts => ((IEnumerable<string?>)current).Select(text => text is null ? null : map(text)).ToArray(),
                Shape.Record => Map(current, map),
                _ => MapEach((System.Collections.IEnumerable)current, member.ItemType!, map),
            });
        }
        return copy;
    }

    public static object Protect(object @event, CaseKey key) => Map(@event, value => PersonalDataProtection.Protect(value, key));

    /// <summary>An event as a person reads it: personal fields decrypted, or "[erased]" once the case's key is gone.</summary>
    public static object Reveal(object @event, CaseKey? key) => Map(@event, value => PersonalDataProtection.Reveal(value, key));

    private static Array MapEach(System.Collections.IEnumerable items, Type itemType, Func<string, string> map)
    {
        var mapped = items.Cast<object?>().Select(item => item is null ? null : Map(item, map)).ToArray();
        var typed = Array.CreateInstance(itemType, mapped.Length);
        Array.Copy(mapped, typed, mapped.Length);
        return typed;
    }

    // Every write with personal fields copies its events: the records' copy methods are looked up once per type.
    private static readonly ConcurrentDictionary<Type, MethodInfo> CloneByType = new();

    private static object Clone(object record) =>
        CloneByType.GetOrAdd(record.GetType(), static type => type.GetMethod("<Clone>$")!).Invoke(record, null)!;

    private static Member[] MembersOf(Type type) => MembersByType.GetOrAdd(type, static type =>
    [
        .. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.GetIndexParameters().Length == 0)
            .Select(MemberOf)
            .OfType<Member>(),
    ]);

    private static Member? MemberOf(PropertyInfo property)
    {
        var type = property.PropertyType;
        var item = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? type.GetGenericArguments()[0] : null;
        if (property.IsDefined(typeof(PersonalDataAttribute)))
        {
            return type == typeof(string) ? new Member(property, Shape.Text, null)
                : item == typeof(string) ? new Member(property, Shape.Texts, null)
                : throw new InvalidOperationException(
                    $"{property.DeclaringType!.Name}.{property.Name} is marked personal but is neither a text nor a list of texts.");
        }
        if (IsDomainRecord(type) && MembersOf(type).Length > 0) return new Member(property, Shape.Record, null);
        if (item is not null && IsDomainRecord(item) && MembersOf(item).Length > 0) return new Member(property, Shape.Records, item);
        return null;
    }

    private static bool IsDomainRecord(Type type) =>
        type.Assembly == typeof(CaseOpened).Assembly && type.IsClass && type.GetMethod("<Clone>$") is not null;
}
