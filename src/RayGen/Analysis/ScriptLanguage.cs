using System;
using System.Runtime.CompilerServices;
using RayGen.Shell;
using RayGen.Yaml;

namespace RayGen.Analysis
{
    /// <summary>
    /// How a resolved ConfigMap script is read (rules.md group F "Script resolution"): as Python or as shell text in
    /// the right dialect, and its parse. Both walkers that follow scripts (<see cref="ScriptFlow"/> for groups A, F and
    /// RAY0008, <see cref="ShellProgram"/> for groups A and B) parse through here, so each script text is parsed once:
    /// the parse is kept beside the YAML node, which lives as long as the file's text (AnalyzedFile's cache).
    /// </summary>
    internal static class ScriptLanguage
    {
        /// <summary>The parser's nesting limit for scripts (deeper text is an error node, not a stack overflow).</summary>
        private const int MaxParseDepth = 100;

        private static readonly ConditionalWeakTable<YamlNode, Parses> Cache = new();

        /// <summary>Python when <c>python</c> runs it, or when it is run directly and its shebang names Python.</summary>
        public static bool IsPython(string script, string? interpreter) =>
            interpreter == "python" || (interpreter is null && Shebang(script).IndexOf("python", StringComparison.Ordinal) >= 0);

        /// <summary>
        /// The shell dialect of a script: the interpreter's when a known shell runs it, the caller's for <c>source</c> and
        /// <c>.</c>, and the shebang's when it is run directly (no shebang: execve fails with ENOEXEC and <c>/bin/sh</c>
        /// runs it; <c>#!/bin/sh</c> means POSIX).
        /// </summary>
        public static ShellDialect Dialect(string script, string? interpreter, ShellDialect caller)
        {
            if (interpreter is "source" or ".")
            {
                return caller;
            }

            if (interpreter is not null)
            {
                return KnownShell.DialectOf(interpreter);
            }

            string shebang = Shebang(script);
            foreach (string word in shebang.Substring(Math.Min(2, shebang.Length)).Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries))
            {
                string name = KnownShell.BaseName(word);
                if (name == "env" || name.StartsWith("-", StringComparison.Ordinal))
                {
                    continue;
                }

                return KnownShell.IsShellName(name) ? KnownShell.DialectOf(name) : ShellDialect.Posix;
            }

            return ShellDialect.Posix;
        }

        /// <summary>The script in <paramref name="value"/> (a ConfigMap <c>data</c> value) parsed in <paramref name="dialect"/>, once per node and dialect.</summary>
        public static ShellParseResult Parse(YamlNode value, ShellDialect dialect)
        {
            Parses parses = Cache.GetValue(value, _ => new Parses());
            lock (parses)
            {
                return dialect == ShellDialect.Posix
                    ? parses.Posix ??= ShellParser.Parse(value.Value, dialect, MaxParseDepth)
                    : parses.Bash ??= ShellParser.Parse(value.Value, dialect, MaxParseDepth);
            }
        }

        private static string Shebang(string script) =>
            script.StartsWith("#!", StringComparison.Ordinal) ? script.Substring(0, script.IndexOf('\n') is var nl && nl >= 0 ? nl : script.Length) : string.Empty;

        private sealed class Parses
        {
            public ShellParseResult? Bash;
            public ShellParseResult? Posix;
        }
    }
}
