namespace Counseling.Domain.Cases;

/// <summary>
/// Marks a field of an event (or of a record an event holds) that identifies or contacts the worker, or is free text
/// (notes and reasons often name people and places): the service stores it encrypted with the case's key, so that an
/// erasure makes it unreadable (UU 27/2022 on personal data). A text or a list of texts. Every other text field of an
/// event stays in clear for statistics and decisions; a test fails on a text field that is neither marked nor named
/// as clear on purpose.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PersonalDataAttribute : Attribute;
