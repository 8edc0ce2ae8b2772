using System;
using System.Collections.Generic;
using System.Threading;
using RayGen.Diagnostics;
using RayGen.Helpers;
using RayGen.Model;
using RayGen.Yaml;

namespace RayGen.Manifests
{
    /// <summary>
    /// The one entry point from file text to manifests, shared by the generator and the analyzers so
    /// both see the same documents, budgets and problems.
    /// </summary>
    internal static class ManifestFile
    {
        public static EquatableArray<ManifestModel> Read(string text, List<Problem>? problems, CancellationToken cancellationToken) =>
            Parse(text, problems, cancellationToken).Manifests;

        /// <summary>Like <see cref="Read"/>, also returning the YAML tree (the analyzers locate findings in it).</summary>
        public static (YamlReadResult Yaml, EquatableArray<ManifestModel> Manifests) Parse(string text, List<Problem>? problems, CancellationToken cancellationToken)
        {
            YamlReadResult yaml = YamlReader.Read(text, YamlBudgets.Default, cancellationToken);
            if (problems is not null)
            {
                bool templated = yaml.HasErrors && text.IndexOf("{{", StringComparison.Ordinal) >= 0;
                foreach (YamlProblem problem in yaml.Problems)
                {
                    problems.Add(problem.Kind switch
                    {
                        YamlProblemKind.Budget => BudgetProblem(problem),
                        YamlProblemKind.Syntax when templated => new Problem(RuleIds.Templated, SourceSpan.Empty, new[] { "the file is a Helm/Go template ('{{ }}'); it was not read" }),
                        _ => new Problem(RuleIds.UnparsableYaml, problem.Span, new[] { problem.Message }),
                    });
                }
            }

            return (yaml, ManifestReader.Read(yaml, problems));
        }

        /// <summary>
        /// The RAY0195 problem of a file over the size limit, or null when it may be read. Callers check
        /// this on the text's length before turning a large text into a string (which would copy it).
        /// </summary>
        public static Problem? SizeProblem(int length) =>
            YamlBudgets.Default.SizeProblem(length) is { } problem ? BudgetProblem(problem) : null;

        // A YAML budget stops the reader, so later documents are lost too.
        private static Problem BudgetProblem(YamlProblem problem) =>
            new(RuleIds.InputLimitExceeded, problem.Span, new[] { problem.Message + " Later documents of the file are skipped too" });

        /// <summary>Path relative to the project directory with '/' separators (stable across machines).</summary>
        public static string RelativePath(string path, string projectDirectory)
        {
            string normalized = path.Replace('\\', '/');
            string root = projectDirectory.Replace('\\', '/').TrimEnd('/');
            if (root.Length == 0)
            {
                return normalized;
            }

            string[] from = root.Split('/');
            string[] to = normalized.Split('/');
            int common = 0;
            while (common < from.Length && common < to.Length - 1 && string.Equals(from[common], to[common], StringComparison.Ordinal))
            {
                common++;
            }

            if (common == 0)
            {
                return normalized;
            }

            var parts = new List<string>();
            for (int i = common; i < from.Length; i++)
            {
                parts.Add("..");
            }

            for (int i = common; i < to.Length; i++)
            {
                parts.Add(to[i]);
            }

            return string.Join("/", parts);
        }

        public static bool IsYamlPath(string path) =>
            path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
    }
}
