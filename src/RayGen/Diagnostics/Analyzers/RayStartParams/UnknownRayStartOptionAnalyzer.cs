using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace RayGen.Diagnostics.Analyzers.RayStartParams
{
    /// <summary>
    /// RAY0031: a <c>rayStartParams</c> key that is not a <c>ray start</c> option of the cluster's Ray version
    /// (the L/U option tables of rules.md §0.1). Click matches option names exactly, so <c>num_cpus</c>,
    /// <c>Num-CPUs</c>, <c>num-cpu</c>, <c>--num-cpus</c> and <c>v</c> all stop <c>ray start</c> with "No such option".
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class UnknownRayStartOptionAnalyzer : GroupArgsAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = Descriptors.Create(
            RuleIds.UnknownRayStartOption,
            "Unknown 'ray start' option",
            "{0} {1}",
            DiagnosticSeverity.Error);

        internal override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

        internal override void Analyze(GroupRuleContext context)
        {
            ParamsView view = ParamsView.For(context);
            foreach (ParamEntry entry in view.Entries)
            {
                if (entry.IsTemplated || view.Options.Find(entry.Key) is not null)
                {
                    continue;
                }

                string message = $"'{entry.Key}' is not a 'ray start' option for {view.Options.Describe()}: KubeRay passes '--{entry.Key}', and ray start stops with \"No such option\"."
                    + Hint(entry.Key, view.Options) + ElsewhereNote(entry.Key, view.Options) + view.ModeNote;
                ProblemSeverity severity = view.Options.IsVersionUncertain ? ProblemSeverity.Info : view.Cap(ProblemSeverity.Error);
                if (view.Options.IsVersionUncertain && view.ReachesRayStart)
                {
                    message += " (Info only: the option tables may not match the Ray that runs.)";
                }

                context.Report(Rule, entry.KeyNode.Span, severity, message, view.FinalArgs);
            }
        }

        /// <summary>The did-you-mean part of the message ("" when nothing is close).</summary>
        internal static string Hint(string key, RayStartOptionSelection options)
        {
            if (Suggest(key, options) is not { } suggestion)
            {
                return string.Empty;
            }

            string why = key.StartsWith("-", StringComparison.Ordinal)
                ? " (KubeRay adds the '--' itself, so this key becomes '--" + key + "')"
                : key == "v"
                    ? " (click knows '-v' as a short name only; a key becomes '--v')"
                    : key.Replace('_', '-') == suggestion
                        ? " (click does not turn '_' into '-')"
                        : string.Equals(key, suggestion, StringComparison.OrdinalIgnoreCase)
                            ? " (click does not ignore case)"
                            : string.Empty;
            return $" Did you mean '{suggestion}'?{why}";
        }

        /// <summary>The known option the key most likely meant, or <c>null</c>.</summary>
        internal static string? Suggest(string key, RayStartOptionSelection options)
        {
            string[] known = options.KnownNames.OrderBy(n => n, StringComparer.Ordinal).ToArray();
            string stripped = key.TrimStart('-');
            if (key == "v")
            {
                return "verbose";
            }

            foreach (string candidate in new[] { stripped, stripped.Replace('_', '-'), stripped.Replace('_', '-').ToLowerInvariant() })
            {
                if (candidate != key && known.Contains(candidate, StringComparer.Ordinal))
                {
                    return candidate;
                }
            }

            string normalized = stripped.Replace('_', '-').ToLowerInvariant();
            return known
                .Select(n => (Name: n, Distance: Distance(normalized, n)))
                .Where(c => c.Distance <= 2 && c.Distance < Math.Max(normalized.Length, 1))
                .OrderBy(c => c.Distance)
                .ThenBy(c => c.Name, StringComparer.Ordinal)
                .Select(c => c.Name)
                .FirstOrDefault();
        }

        private static string ElsewhereNote(string key, RayStartOptionSelection options)
        {
            string[] versions = RayStartOptionSelection.VersionsKnowing(key).ToArray();
            return versions.Length == 0 ? string.Empty : $" '{key}' is an option of Ray {string.Join(", ", versions)} (sampled versions): check spec.rayVersion.";
        }

        /// <summary>Optimal string alignment distance (insertions, deletions, substitutions, adjacent swaps).</summary>
        internal static int Distance(string a, string b)
        {
            if (Math.Abs(a.Length - b.Length) > 2)
            {
                return 3;
            }

            var d = new int[a.Length + 1, b.Length + 1];
            for (int i = 0; i <= a.Length; i++)
            {
                d[i, 0] = i;
            }

            for (int j = 0; j <= b.Length; j++)
            {
                d[0, j] = j;
            }

            for (int i = 1; i <= a.Length; i++)
            {
                for (int j = 1; j <= b.Length; j++)
                {
                    int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                    if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    {
                        d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                    }
                }
            }

            return d[a.Length, b.Length];
        }
    }
}
