using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using RayGen.Shell;

namespace RayGen.Tests.Shell
{
    /// <summary>
    /// Asks the real shell whether a text parses: <c>bash -n</c> for <see cref="ShellDialect.Bash"/>, <c>dash -n</c>
    /// for <see cref="ShellDialect.Posix"/> (<c>bash --posix</c> still accepts <c>[[</c>, <c>&lt;&lt;&lt;</c>,
    /// <c>function</c> and <c>&amp;&gt;</c>, so it cannot stand in for <c>/bin/sh</c>).
    /// </summary>
    internal static class ShellOracle
    {
        public const string BashPath = "/bin/bash";
        public const string DashPath = "/bin/dash";
        private const string Sentinel = "RAYGEN_ORACLE_SENTINEL";

        public static bool IsAvailable(ShellDialect dialect) => File.Exists(dialect == ShellDialect.Bash ? BashPath : DashPath);

        /// <summary>True when the shell refuses the text.</summary>
        /// <remarks>
        /// bash has syntax errors that <c>-n</c> does not report in its exit status: malformed <c>[[ … ]]</c>
        /// prints a message with status 0 (<c>[[ a b ]]</c>) or nothing at all (<c>[[ ]]</c>), yet the line never
        /// runs. So an error is also: a non-warning message on stderr, or (run with <c>-v</c>, which echoes
        /// every line it reads) a sentinel line appended after the text that bash never reached.
        /// </remarks>
        public static bool HasSyntaxError(string text, ShellDialect dialect)
        {
            if (dialect == ShellDialect.Posix)
            {
                return Run(DashPath, "-n", text).ExitCode != 0;
            }

            (int exitCode, string stderr) = Run(BashPath, "-n", text);
            if (exitCode != 0 || stderr.Split('\n').Any(line => line.Length > 0 && !line.Contains("warning:")))
            {
                return true;
            }

            (_, string verbose) = Run(BashPath, "-nv", text + "\n: " + Sentinel + "\n");
            return !verbose.Contains(Sentinel);
        }

        private static (int ExitCode, string Stderr) Run(string shell, string flags, string text)
        {
            string path = Path.Combine(Path.GetTempPath(), "raygen-shell-" + Guid.NewGuid().ToString("N") + ".sh");
            File.WriteAllText(path, text);
            try
            {
                var info = new ProcessStartInfo(shell)
                {
                    RedirectStandardError = true,
                    RedirectStandardOutput = true,
                    RedirectStandardInput = true,
                    UseShellExecute = false,
                };
                info.ArgumentList.Add(flags);
                info.ArgumentList.Add(path);
                using Process process = Process.Start(info)!;
                process.StandardInput.Close();
                System.Threading.Tasks.Task<string> stdout = process.StandardOutput.ReadToEndAsync();
                string stderr = process.StandardError.ReadToEnd();
                if (!process.WaitForExit(20000))
                {
                    process.Kill();
                    throw new TimeoutException(shell + " -n did not finish for: " + text);
                }

                stdout.Wait();
                return (process.ExitCode, stderr);
            }
            finally
            {
                File.Delete(path);
            }
        }
    }
}
