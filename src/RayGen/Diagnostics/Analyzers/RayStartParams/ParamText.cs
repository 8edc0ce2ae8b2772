using System.Text;

namespace RayGen.Diagnostics.Analyzers.RayStartParams
{
    /// <summary>Text helpers for the fixes group-C messages suggest.</summary>
    internal static class ParamText
    {
        /// <summary>JSON without white space outside strings (the input must be valid JSON).</summary>
        public static string Minify(string json)
        {
            var sb = new StringBuilder(json.Length);
            bool inString = false;
            for (int i = 0; i < json.Length; i++)
            {
                char c = json[i];
                if (inString)
                {
                    sb.Append(c);
                    if (c == '\\' && i + 1 < json.Length)
                    {
                        sb.Append(json[++i]);
                    }
                    else if (c == '"')
                    {
                        inString = false;
                    }
                }
                else if (c == '"')
                {
                    inString = true;
                    sb.Append(c);
                }
                else if (c is not (' ' or '\t' or '\n' or '\r'))
                {
                    sb.Append(c);
                }
            }

            return sb.ToString();
        }

        /// <summary>One bash word whose value is <paramref name="text"/>: <c>'text'</c>, with <c>'</c> written as <c>'\''</c>.</summary>
        public static string ShellSingleQuote(string text) => "'" + text.Replace("'", "'\\''") + "'";

        /// <summary>A YAML single-quoted scalar whose value is <paramref name="value"/>.</summary>
        public static string YamlSingleQuoted(string value) => "'" + value.Replace("'", "''") + "'";

        /// <summary>The YAML to write so that bash hands <paramref name="text"/> to ray start as one word.</summary>
        public static string QuotedForShell(string key, string text) => key + ": " + YamlSingleQuoted(ShellSingleQuote(text));

        /// <summary>For messages: the text with control characters made visible, cut to a readable length.</summary>
        public static string Show(string text, int max = 80)
        {
            string shown = text.Replace("\n", "\\n").Replace("\t", "\\t");
            return shown.Length > max ? shown.Substring(0, max) + "…" : shown;
        }
    }
}
