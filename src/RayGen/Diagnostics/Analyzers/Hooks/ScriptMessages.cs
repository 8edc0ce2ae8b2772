using RayGen.Analysis;

namespace RayGen.Diagnostics.Analyzers.Hooks
{
    /// <summary>Message fragments shared by the script rules.</summary>
    internal static class ScriptMessages
    {
        /// <summary><c>" (in script '/x.sh', ConfigMap 'cm' key 'x.sh', line 12)"</c> when the finding is inside a resolved script.</summary>
        public static string Where(ScriptVia? via, SourceRef location)
        {
            if (via is null)
            {
                return string.Empty;
            }

            string key = via.Script.Key is { } k ? " key '" + k + "'" : string.Empty;
            string cm = via.Script.ConfigMap is { } doc ? ", ConfigMap '" + doc.Display + "'" + key : string.Empty;
            string line = ScriptLine(via.Script, location) is int n ? ", line " + n.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty;
            return $" (in script '{via.Script.Path}'{cm}{line}{(via.Script.Path == via.Path ? string.Empty : ", reached from '" + via.Path + "'")})";
        }

        /// <summary>The 1-based line inside the script: literal block scalars map line by line; a one-line value is line 1.</summary>
        private static int? ScriptLine(ScriptResolution script, SourceRef location)
        {
            if (script.Value is not { } value)
            {
                return null;
            }

            if (value.Style == RayGen.Yaml.YamlScalarStyle.Literal)
            {
                int line = location.Span.StartLine - value.Span.StartLine;
                return line >= 1 ? line : null;
            }

            return value.Span.StartLine == value.Span.EndLine ? 1 : null;
        }

        public const string WaitExample = "timeout 600 sh -c 'until ray health-check >/dev/null 2>&1; do sleep 1; done'";
    }
}
