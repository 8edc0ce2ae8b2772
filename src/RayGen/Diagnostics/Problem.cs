using RayGen.Yaml;

namespace RayGen.Diagnostics
{
    internal enum ProblemSeverity
    {
        Info,
        Warning,
        Error,
    }

    /// <summary>
    /// A finding of the shared (Roslyn-free) domain code, located in the YAML text. Analyzers turn it
    /// into a Roslyn Diagnostic with the rule's descriptor; <paramref name="MessageArgs"/> fill the
    /// descriptor's message format. <paramref name="Severity"/> overrides the default severity of a rule
    /// that has several variants (rules.md §0.6).
    /// </summary>
    internal sealed record Problem(string RuleId, SourceSpan Span, string[] MessageArgs, ProblemSeverity? Severity = null);
}
