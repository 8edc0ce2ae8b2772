using System.Linq;
using RayGen.KubeRay;
using RayGen.Model;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Infrastructure.Manifests;

namespace RayGen.Tests.KubeRay
{
    /// <summary>kuberay-versions.md §2 (state matrix) and §3 (the seed-era head-command example), per profile.</summary>
    public class VersionMatrixTests
    {
        private static string HeadCommand(string memory) => RayCluster("raycluster-head-command", Group(
            $"resources:\n  limits:\n    cpu: \"1\"\n    memory: \"{memory}\"\n  requests:\n    cpu: \"1\"\n    memory: \"2Gi\"\ncommand: [\"echo 123\"]\nargs: [\"456\"]\n"));

        private static string[] Flags(string rayStart, string prefix) =>
            rayStart.Substring(prefix.Length).Split(new[] { "  " }, System.StringSplitOptions.RemoveEmptyEntries).Select(f => f.Trim()).ToArray();

        [Theory]
        [InlineData("0.5")]
        [InlineData("0.6")]
        [InlineData("1.0")]
        public void SeedEraTokenSet(string version)
        {
            GroupOutputModel head = KubeRayRunner.Single(HeadCommand("2Gi"), version).Head;
            Assert.Equal(new[] { "/bin/bash", "-lc", "--" }, head.Command);
            string args = KubeRayRunner.Args(head);
            const string prefix = " echo 123  456  && ulimit -n 65536; ray start --head ";
            Assert.StartsWith(prefix, args);
            Assert.EndsWith(" ", args);

            // KubeRay iterated a Go map here (any of 120 orders); RayGen sorts: compare as a set, then pin the sorted order.
            Assert.Equal(
                new[] { "--block", "--dashboard-host=0.0.0.0", "--memory=2147483648", "--metrics-export-port=8080", "--num-cpus=1" }.OrderBy(x => x),
                Flags(args, prefix).OrderBy(x => x));
            Assert.Equal(prefix + " --block  --dashboard-host=0.0.0.0  --memory=2147483648  --metrics-export-port=8080  --num-cpus=1 ", args);
        }

        [Theory]
        [InlineData("1.1")]
        [InlineData("1.2")]
        public void AgentPortAlwaysFrom11(string version)
        {
            string args = KubeRayRunner.Args(KubeRayRunner.Single(HeadCommand("2Gi"), version).Head);
            const string prefix = " echo 123  456  && ulimit -n 65536; ray start --head ";
            Assert.Equal(
                new[] { "--block", "--dashboard-agent-listen-port=52365", "--dashboard-host=0.0.0.0", "--memory=2147483648", "--metrics-export-port=8080", "--num-cpus=1" },
                Flags(args, prefix).OrderBy(x => x, System.StringComparer.Ordinal));
        }

        [Theory]
        [InlineData("1.3", "-lc", "2Gi", "2147483648")]
        [InlineData("1.4", "-c", "2Gi", "2147483648")]
        [InlineData("1.5", "-c", "2Gi", "2147483648")]
        [InlineData("1.6", "-c", "5Gi", "5368709120")]
        public void SortedEraExactArgs(string version, string option, string memory, string bytes)
        {
            GroupOutputModel head = KubeRayRunner.Single(HeadCommand(memory), version).Head;
            Assert.Equal(new[] { "/bin/bash", option, "--" }, head.Command);
            Assert.Equal(
                $" echo 123  456  && ulimit -n 65536; ray start --head  --block  --dashboard-agent-listen-port=52365  --dashboard-host=0.0.0.0  --memory={bytes}  --metrics-export-port=8080  --num-cpus=1 ",
                KubeRayRunner.Args(head));
        }

        [Fact]
        public void V17ExactArgs()
        {
            Assert.Equal(
                " echo 123  456  && ulimit -n ${RAY_START_ULIMIT_OPEN_FILES:-65536}; ray start --head  --block  --dashboard-agent-listen-port=52365  --dashboard-host=0.0.0.0  --memory=5368709120  --metrics-export-port=8080  --num-cpus=1 ",
                KubeRayRunner.Args(KubeRayRunner.Single(HeadCommand("5Gi"), "1.7").Head));
        }

        [Theory]
        [InlineData("0.5", false)]
        [InlineData("1.2", false)]
        [InlineData("1.3", false)]
        [InlineData("1.4", true)]
        [InlineData("1.7", true)]
        public void LoginShellKnobOnlyFrom14(string version, bool honored)
        {
            GroupOutputModel head = KubeRayRunner.Build(HeadCommand("2Gi"), version, loginShell: true).Single().Head;
            Assert.Equal(honored ? "-cl" : (version is "1.4" or "1.7" ? "-c" : "-lc"), head.Command[1]);
        }

        [Theory]
        [InlineData("1.0", true)]
        [InlineData("1.1", false)]
        [InlineData("1.7", false)]
        public void BlockFalseBeforeV11AddsSleepInfinity(string version, bool sleeps)
        {
            string yaml = RayCluster("c", Group("", rayStartParams: "{block: \"false\"}"));
            string args = KubeRayRunner.Args(KubeRayRunner.Single(yaml, version).Head);
            Assert.Equal(sleeps, args.EndsWith(" && sleep infinity", System.StringComparison.Ordinal));
            Assert.Equal(!sleeps, args.Contains(" --block "));
        }

        [Theory]
        [InlineData("1.0", "RayCluster", false)]
        [InlineData("1.0", "RayService", true)]
        [InlineData("1.1", "RayCluster", true)]
        public void AgentPortOnlyOnRayServiceClustersBeforeV11(string version, string kind, bool expected)
        {
            string body = Indent(Group(""), 4);
            string yaml = kind == "RayCluster"
                ? RayCluster("c", Group(""))
                : "apiVersion: ray.io/v1\nkind: RayService\nmetadata:\n  name: s\nspec:\n  rayClusterConfig:\n    headGroupSpec:\n" + Indent(Group(""), 6);
            string start = KubeRayRunner.RayStart(KubeRayRunner.Single(yaml, version).Head);
            Assert.Equal(expected, start.Contains(" --dashboard-agent-listen-port=52365 "));
        }

        [Theory]
        [InlineData("1.2", false)]
        [InlineData("1.3", true)]
        public void CpuRequestFallbackFrom13(string version, bool expected)
        {
            string yaml = RayCluster("c", Group("resources:\n  requests:\n    cpu: \"3\"\n"));
            Assert.Equal(expected, KubeRayRunner.Single(yaml, version).Head.RayStartParams.Contains(new KeyValue("num-cpus", "3")));
        }

        [Theory]
        [InlineData("1.2", null)]
        [InlineData("1.3", "'{\"TPU\":4}'")]
        public void AcceleratorsFrom13(string version, string? expected)
        {
            string yaml = RayCluster("c", Group("resources:\n  limits:\n    google.com/tpu: \"4\"\n"));
            Assert.Equal(expected, KubeRayRunner.Single(yaml, version).Head.RayStartParams.FirstOrDefault(p => p.Key == "resources")?.Value);
        }

        [Theory]
        [InlineData("1.3", false)]
        [InlineData("1.4", true)]
        public void MigFrom14(string version, bool expected)
        {
            string yaml = RayCluster("c", Group("resources:\n  limits:\n    nvidia.com/mig-1g.5gb: \"1\"\n"));
            Assert.Equal(expected, KubeRayRunner.Single(yaml, version).Head.RayStartParams.Any(p => p.Key == "num-gpus"));
        }

        [Theory]
        [InlineData("1.4", false)]
        [InlineData("1.5", true)]
        public void GroupResourcesFrom15(string version, bool expected)
        {
            string yaml = RayCluster("c", Group("", extra: "resources: {CPU: \"7\"}\nlabels: {a: b}"));
            var parameters = KubeRayRunner.Single(yaml, version).Head.RayStartParams;
            Assert.Equal(expected, parameters.Contains(new KeyValue("num-cpus", "7")) && parameters.Contains(new KeyValue("labels", "a=b")));
        }

        [Theory]
        [InlineData("1.6", " --include-log-monitor ")]
        [InlineData("1.7", " --include-log-monitor=true ")]
        public void IncludeLogMonitorSpecialFrom17(string version, string expected)
        {
            string yaml = RayCluster("c", Group("", rayStartParams: "{include-log-monitor: \"true\"}"));
            Assert.Contains(expected, KubeRayRunner.RayStart(KubeRayRunner.Single(yaml, version).Head));
        }

        [Theory]
        [InlineData("1.0", true)]
        [InlineData("1.1", false)]
        public void OverwriteAnnotationFrom11(string version, bool generated)
        {
            string yaml = RayCluster("c", Group("args: [\"sleep 1\"]\n"), metadataExtra: "annotations:\n  ray.io/overwrite-container-cmd: \"true\"\n");
            Assert.Equal(generated, KubeRayRunner.Single(yaml, version).Head.IsCommandGenerated);
        }

        [Theory]
        [InlineData("1.3", "r1234567890123456789012345678901234567890-head-svc")]
        [InlineData("1.4", "x012345678901234567890123456789012345678901234567890-head-svc")]
        public void HeadServiceNameTruncatedBefore14(string version, string expected)
        {
            const string name = "x012345678901234567890123456789012345678901234567890";
            string worker = Worker("w", Group(""));
            ClusterOutputModel cluster = KubeRayRunner.Single(RayCluster(name, Group(""), worker), version);
            bool legacy = KubeRayProfiles.Find(version)!.LegacyHeadServiceNaming;
            Assert.Contains($" --address={expected}.default.svc.cluster.local:6379 ", KubeRayRunner.Args(cluster.Workers.Single(), name, "default", legacy));
        }

        [Theory]
        [InlineData("1.3", "1.3.0")]
        [InlineData("1.3.2", "1.3.0")]
        [InlineData("v1.3.0", "1.3.0")]
        [InlineData("0.5", "0.5.2")]
        [InlineData("1.7.0", "1.7.0")]
        [InlineData("01.07", "1.7.0")]
        [InlineData("1.8", null)]
        [InlineData("1.7.0-rc.0", null)]
        [InlineData("0.4", null)]
        [InlineData("banana", null)]
        [InlineData("1", null)]
        public void VersionSpellings(string text, string? profile)
        {
            Assert.Equal(profile, KubeRayProfiles.Find(text)?.Version);
        }

        [Theory]
        [InlineData("1.1", 649)]
        [InlineData("1.2", 647)]
        [InlineData("1.4", 647)]
        [InlineData("1.5", 645)]
        [InlineData("1.7", 645)]
        public void WaitGcsReadyScriptLengthBeforeSubstitution(string version, int length)
        {
            // kuberay-versions.md §4 gives the Go literal's length with "%s:%s" (5 chars) in place of {0} (3 chars), twice.
            string script = KubeRayProfiles.Find(version)!.WaitGcsReadyScript!;
            Assert.Equal(length, script.Length + 4);
        }
    }
}
