using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.Yaml;

namespace RayGen.Diagnostics
{
    /// <summary>
    /// The one way RayGen analyzers report a finding in a YAML file. It applies, in order: the in-YAML
    /// suppression comments, the per-path <c>raygen.&lt;ID&gt;.severity</c> option (read by RayGen itself,
    /// because <c>dotnet_diagnostic</c> keys in .editorconfig sections do not reach AdditionalFiles,
    /// roslyn#31916), and a rule variant's own severity. <c>.globalconfig</c> severities still apply on top.
    /// </summary>
    internal static class RuleReporter
    {
        /// <summary>RAY0199 for an unexpected exception in <paramref name="component"/>, instead of AD0001/CS8785.</summary>
        public static void ReportCrash(Action<Diagnostic> report, AnalyzerConfigOptions fileOptions, AnalyzedFile file, string path, string? component, Exception exception)
        {
            string frame = exception.StackTrace?.Split('\n').FirstOrDefault()?.Trim() ?? "unknown";
            string message = component is null ? exception.Message : component + ": " + exception.Message;
            Report(report, fileOptions, file, path, Descriptors.InternalError, SourceSpan.Empty, null, exception.GetType().Name, message, frame);
        }

        public static void ReportCrash(AdditionalFileAnalysisContext context, AnalyzedFile file, string? component, Exception exception) =>
            ReportCrash(context.ReportDiagnostic, context.Options.AnalyzerConfigOptionsProvider.GetOptions(context.AdditionalFile), file, context.AdditionalFile.Path, component, exception);

        public static void Report(
            AdditionalFileAnalysisContext context,
            AnalyzedFile file,
            DiagnosticDescriptor descriptor,
            SourceSpan span,
            ProblemSeverity? severity = null,
            params object?[] messageArgs) =>
            Report(context.ReportDiagnostic, context.Options.AnalyzerConfigOptionsProvider.GetOptions(context.AdditionalFile), file, context.AdditionalFile.Path, descriptor, span, severity, messageArgs);

        public static void Report(
            Action<Diagnostic> report,
            AnalyzerConfigOptions fileOptions,
            AnalyzedFile file,
            string path,
            DiagnosticDescriptor descriptor,
            SourceSpan span,
            ProblemSeverity? severity,
            params object?[] messageArgs) =>
            Report(report, fileOptions, file, path, descriptor, span, severity, null, messageArgs);

        /// <summary>Reports with related YAML nodes of the same file as <c>additionalLocations</c> (rules.md §0.4), e.g. the overwrite annotation.</summary>
        public static void Report(
            AdditionalFileAnalysisContext context,
            AnalyzedFile file,
            DiagnosticDescriptor descriptor,
            SourceSpan span,
            System.Collections.Generic.IReadOnlyList<SourceSpan> additionalSpans,
            ProblemSeverity? severity,
            params object?[] messageArgs)
        {
            string path = context.AdditionalFile.Path;
            var additional = new Location[additionalSpans.Count];
            for (int i = 0; i < additional.Length; i++)
            {
                additional[i] = file.Location(path, additionalSpans[i]);
            }

            Report(context.ReportDiagnostic, context.Options.AnalyzerConfigOptionsProvider.GetOptions(context.AdditionalFile), file, path, descriptor, span, severity,
                additional.Length == 0 ? null : additional, messageArgs);
        }

        /// <summary>Like the overload above, with related locations (which may be in other files).</summary>
        public static void Report(
            Action<Diagnostic> report,
            AnalyzerConfigOptions fileOptions,
            AnalyzedFile file,
            string path,
            DiagnosticDescriptor descriptor,
            SourceSpan span,
            ProblemSeverity? severity,
            System.Collections.Generic.IEnumerable<Location>? additionalLocations,
            params object?[] messageArgs)
        {
            if (file.Suppressions.IsSuppressed(descriptor.Id, span.StartLine))
            {
                return;
            }

            DiagnosticSeverity effective = severity switch
            {
                ProblemSeverity.Error => DiagnosticSeverity.Error,
                ProblemSeverity.Warning => DiagnosticSeverity.Warning,
                ProblemSeverity.Info => DiagnosticSeverity.Info,
                _ => descriptor.DefaultSeverity,
            };
            if (fileOptions.TryGetValue("raygen." + descriptor.Id + ".severity", out string? configured))
            {
                switch (configured.Trim().ToLowerInvariant())
                {
                    case "none":
                        return;
                    case "silent":
                    case "hidden":
                        effective = DiagnosticSeverity.Hidden;
                        break;
                    case "suggestion":
                    case "info":
                        effective = DiagnosticSeverity.Info;
                        break;
                    case "warning":
                        effective = DiagnosticSeverity.Warning;
                        break;
                    case "error":
                        effective = DiagnosticSeverity.Error;
                        break;
                }
            }

            report(Diagnostic.Create(descriptor, file.Location(path, span), effective, additionalLocations, properties: null, messageArgs));
        }
    }
}
