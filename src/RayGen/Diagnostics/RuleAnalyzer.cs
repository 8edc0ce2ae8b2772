using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace RayGen.Diagnostics
{
    /// <summary>
    /// Base of RayGen's rule analyzers: a rule lists only its own descriptors, and RAY0199 is always
    /// supported, because every rule turns its own crash into RAY0199 (RuleReporter.ReportCrash).
    /// </summary>
    public abstract class RuleAnalyzer : DiagnosticAnalyzer
    {
        private ImmutableArray<DiagnosticDescriptor> _supported;

        public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics =>
            _supported.IsDefault ? (_supported = Rules.Add(Descriptors.InternalError)) : _supported;

        /// <summary>The rule's own descriptors.</summary>
        internal abstract ImmutableArray<DiagnosticDescriptor> Rules { get; }
    }
}
