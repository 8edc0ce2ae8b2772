using System.Collections.Generic;
using System.IO;
using System.Linq;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Infrastructure.Manifests;

namespace RayGen.Tests.Generator
{
    /// <summary>The generated head args run under real bash with a stub `ray` on PATH.</summary>
    public class ExecutionTests
    {
        [SkippableFact]
        public void UserCommandRunsBeforeRayStartAndFlagsArriveAsSeparateWords()
        {
            Skip.IfNot(Processes.HasBash && !System.OperatingSystem.IsWindows(), "bash is not installed");
            string yaml = RayCluster("raycluster-head-command", Group(
                "resources:\n  limits:\n    cpu: \"1\"\n    memory: \"5Gi\"\ncommand: [\"echo 123\"]\nargs: [\"456\"]\n",
                rayStartParams: "{resources: '\"{\\\"custom\\\": 1}\"'}"));
            RayGroupInfo head = GeneratedAssembly.LoadCatalog(GeneratorHarness.Run(yaml).Output).Single().Head;

            string bin = Directory.CreateTempSubdirectory("raygen-stub").FullName;
            try
            {
                string log = Path.Combine(bin, "calls.log");
                File.WriteAllText(Path.Combine(bin, "ray"), "#!/bin/bash\necho \"ray called\"\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> \"" + log + "\"; done\n");
                if (!System.OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(Path.Combine(bin, "ray"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }

                var command = head.Command.Skip(1).Concat(head.GetArgs()).ToArray();
                var result = Processes.Run(head.Command[0], command, environment: new Dictionary<string, string>
                {
                    ["PATH"] = bin + ":/usr/bin:/bin",
                });

                // ulimit may be refused by the machine's hard limit; KubeRay's text joins it with ';', so ray still starts.
                string[] output = result.StdOut.Split('\n', System.StringSplitOptions.RemoveEmptyEntries);
                Assert.Equal(new[] { "123 456", "ray called" }, output);
                Assert.Equal(
                    new[] { "start", "--head", "--block", "--dashboard-agent-listen-port=52365", "--dashboard-host=0.0.0.0", "--memory=5368709120", "--metrics-export-port=8080", "--num-cpus=1", "--resources={\"custom\": 1}" },
                    File.ReadAllLines(log));
            }
            finally
            {
                Directory.Delete(bin, recursive: true);
            }
        }
    }
}
