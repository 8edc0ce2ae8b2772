using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.Kubernetes;

namespace RayGen.Diagnostics.Analyzers.RayStartParams
{
    /// <summary>
    /// RAY0032: an option whose kind is <c>int</c> in the selected table gets a value Python's <c>int()</c>
    /// rejects after shell processing (<c>500m</c>, <c>0.5</c>, <c>4Gi</c>, <c>1e9</c>, empty): click stops
    /// <c>ray start</c> with "is not a valid integer".
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NonIntegerParamAnalyzer : GroupArgsAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = Descriptors.Create(
            RuleIds.NonIntegerRayStartParam,
            "Integer option has a non-integer value",
            "{0} {1}",
            DiagnosticSeverity.Error);

        private static readonly string[] ByteOptions = { "memory", "object-store-memory", "system-reserved-memory", "redis-max-memory" };

        internal override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

        internal override void Analyze(GroupRuleContext context)
        {
            ParamsView view = ParamsView.For(context);
            foreach (ParamEntry entry in view.Entries)
            {
                // true/false become a bare switch or nothing (RAY0036); splitting values are RAY0033; an
                // expansion ($X, $(…)) has an output unknown at build time (RAY0037 checks variables).
                if (!entry.IsCheckableValue || entry.IsRenderedAsSwitch
                    || view.Options.Find(entry.Key) is not { Kind: RayStartOptionKind.Int }
                    || !entry.Shell.StaysOneWord || entry.Shell.References.Count > 0
                    || entry.Shell.Processed is not { } value || IsPythonInt(value))
                {
                    continue;
                }

                string shown = value.Length == 0 ? "an empty value" : $"'{value}'";
                string message = $"'{entry.Key}' takes an integer, but ray start receives {shown}: click stops with \"Invalid value for '--{entry.Key}': '{value}' is not a valid integer\"."
                    + Hint(entry.Key, value) + view.ModeNote;
                context.Report(Rule, entry.ValueNode.Span, view.Cap(ProblemSeverity.Error), message, view.FinalArgs);
            }
        }

        /// <summary>What Python's <c>int(text)</c> accepts: blanks around, a sign, digits with single '_' between them.</summary>
        internal static bool IsPythonInt(string text)
        {
            string s = text.Trim();
            int i = s.Length > 0 && (s[0] == '+' || s[0] == '-') ? 1 : 0;
            if (i >= s.Length || !char.IsDigit(s[i]) || !char.IsDigit(s[s.Length - 1]))
            {
                return false;
            }

            for (; i < s.Length; i++)
            {
                if (s[i] == '_' && char.IsDigit(s[i - 1]) && char.IsDigit(s[i + 1]))
                {
                    continue;
                }

                if (!char.IsDigit(s[i]))
                {
                    return false;
                }
            }

            return true;
        }

        private static string Hint(string key, string value)
        {
            if (!Quantity.TryParse(value.Trim(), out Quantity quantity))
            {
                return string.Empty;
            }

            string whole = quantity.Value().ToString(CultureInfo.InvariantCulture);
            if (key is "num-cpus" or "num-gpus")
            {
                return $" Ray counts whole {(key == "num-cpus" ? "CPUs" : "GPUs")} here: write '{whole}' (the value rounded up), or remove the key and let KubeRay derive it from the container's {(key == "num-cpus" ? "CPU" : "GPU")} limit (it rounds up too, see RAY0050).";
            }

            return ByteOptions.Contains(key)
                ? $" It reads like a Kubernetes quantity; Ray expects bytes: write '{whole}'."
                : $" Write a whole number, such as '{whole}'.";
        }
    }
}
