using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace RayGen.Diagnostics.Analyzers.Infrastructure
{
    /// <summary>
    /// Reports what the shared manifest reader finds while reading a file: YAML syntax errors and wrong
    /// shapes (RAY0191), budgets (RAY0195), templated files (RAY0190), non-string rayStartParams
    /// (RAY0030), groups without containers (RAY0102), and RayGen's own crashes (RAY0199). The generator
    /// runs the same reader and skips the same input, so each problem is reported once, here.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ManifestProblemsAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            Descriptors.NonStringRayStartParam,
            Descriptors.NoContainers,
            Descriptors.Templated,
            Descriptors.Unparsable,
            Descriptors.InputLimitExceeded,
            Descriptors.InternalError);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterAdditionalFileAction(Analyze);
        }

        private static void Analyze(AdditionalFileAnalysisContext context)
        {
            AnalyzedFile? file = AnalyzedFile.Get(context);
            if (file is null)
            {
                return;
            }

            foreach (Problem problem in file.Problems)
            {
                if (Descriptors.ForId(problem.RuleId) is { } descriptor)
                {
                    RuleReporter.Report(context, file, descriptor, problem.Span, problem.Severity, problem.MessageArgs);
                }
            }

            if (file.Crash is { } crash)
            {
                RuleReporter.ReportCrash(context, file, null, crash);
            }
        }
    }
}
