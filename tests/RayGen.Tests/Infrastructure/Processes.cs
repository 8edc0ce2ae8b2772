using System;
using System.Diagnostics;
using System.IO;
using System.Collections.Generic;

namespace RayGen.Tests.Infrastructure
{
    /// <summary>Runs real processes (bash, dotnet) for tests that check against the real tools.</summary>
    internal static class Processes
    {
        public static bool HasBash => File.Exists("/bin/bash");

        /// <summary><c>bash -n</c> on the text (syntax check only); returns bash's stderr, empty when valid.</summary>
        public static (bool Valid, string Errors) BashSyntaxCheck(string script)
        {
            string file = Path.GetTempFileName();
            try
            {
                File.WriteAllText(file, script);
                var result = Run("/bin/bash", new[] { "-n", file });
                return (result.ExitCode == 0, result.StdErr);
            }
            finally
            {
                File.Delete(file);
            }
        }

        public static (int ExitCode, string StdOut, string StdErr) Run(
            string fileName,
            IEnumerable<string> arguments,
            string? workingDirectory = null,
            IDictionary<string, string>? environment = null,
            int timeoutMilliseconds = 10 * 60 * 1000)
        {
            var info = new ProcessStartInfo(fileName)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
            };
            foreach (string argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }

            foreach (var pair in environment ?? new Dictionary<string, string>())
            {
                info.Environment[pair.Key] = pair.Value;
            }

            using Process process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeoutMilliseconds))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{fileName} did not finish");
            }

            return (process.ExitCode, stdout.Result, stderr.Result);
        }
    }
}
