-- The ceiling: one durable INSERT of a ~300-byte jsonb row per transaction, the shape of one appended event.
\set n random(1, 1000000000)
INSERT INTO ceiling_events (data) VALUES (jsonb_build_object(
  'sessionId', gen_random_uuid(), 'heldAt', now(), 'mode', 'inPerson', 'durationMinutes', :n % 480,
  'topics', jsonb_build_array('selfAssessmentResults', 'labourMarketInformation'),
  'notes', 'Membahas hasil asesmen diri dan lowongan operator di Cikarang.',
  'nextFollowUpOn', current_date + 14));
