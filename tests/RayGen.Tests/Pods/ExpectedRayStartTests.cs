using System.Globalization;
using System.Text.Json.Nodes;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Infrastructure.Manifests;

namespace RayGen.Tests.Pods
{
    /// <summary>
    /// The tests' own derivation (<see cref="ExpectedRayStart"/>, <see cref="SpecQuantity"/>) against the spec's
    /// worked examples, so the pod tests compare RayGen with something that is itself known to be right.
    /// </summary>
    public class ExpectedRayStartTests
    {
        private const string Ulimit = "ulimit -n ${RAY_START_ULIMIT_OPEN_FILES:-65536}; ";

        private static ExpectedRayStart Derive(string yaml, int workerIndex, string clusterName, string ns = "default") =>
            ExpectedRayStart.For((JsonObject)YamlJson.Documents(yaml)[0]!, workerIndex, new DeployValues(clusterName, ns));

        [Fact]
        public void HeadCommand_13_1()
        {
            string yaml = RayCluster("raycluster-head-command", Group(
                "resources:\n  limits:\n    cpu: \"1\"\n    memory: \"5Gi\"\n  requests:\n    cpu: \"1\"\n    memory: \"2Gi\"\ncommand: [\"echo 123\"]\nargs: [\"456\"]\n"));
            ExpectedRayStart head = Derive(yaml, -1, "raycluster-head-command");
            const string Start = "ray start --head  --block  --dashboard-agent-listen-port=52365  --dashboard-host=0.0.0.0  --memory=5368709120  --metrics-export-port=8080  --num-cpus=1 ";
            Assert.Equal(new[] { "/bin/bash", "-c", "--" }, head.Command);
            Assert.Equal(new[] { " echo 123  456  && " + Ulimit + Start }, head.Args);
            Assert.Equal(Start, head.RayStartCommand);
        }

        [Fact]
        public void SampleWorker_13_2_And_GpuWorkerWithOwnPort_13_4()
        {
            string sample = RayCluster("raycluster-kuberay", Group(Resources("1", "5Gi")), Worker("workergroup", Group(Resources("1", "1Gi"))));
            Assert.Equal(
                new[] { Ulimit + "ray start  --address=raycluster-kuberay-head-svc.default.svc.cluster.local:6379  --block  --dashboard-agent-listen-port=52365  --memory=1073741824  --metrics-export-port=8080  --num-cpus=1 " },
                Derive(sample, 0, "raycluster-kuberay").Args);

            string gpu = RayCluster("raycluster-sample", Group(Resources("1", "1Gi")),
                Worker("small-group", Group("resources:\n  limits: {cpu: '1', memory: 1Gi, nvidia.com/gpu: '3'}\n", rayStartParams: "{port: '6379'}")));
            Assert.Equal(
                new[] { Ulimit + "ray start  --address=raycluster-sample-head-svc.default.svc.cluster.local:6379  --block  --dashboard-agent-listen-port=52365  --memory=1073741824  --metrics-export-port=8080  --num-cpus=1  --num-gpus=3  --port=6379 " },
                Derive(gpu, 0, "raycluster-sample").Args);
        }

        [Fact]
        public void GroupResourcesAndLabels_13_5()
        {
            string yaml = RayCluster("c", Group(Resources("1", "1Gi")), Worker("w", Group(
                "resources:\n  limits: {cpu: '4', memory: 8Gi, google.com/tpu: '4'}\n",
                extra: "resources: {CPU: '2', memory: 4Gi, GPU: '1', TPU: '4', custom: 500m}\nlabels: {zone: us-a, accelerator: tpu}")));
            Assert.Equal(
                "ray start  --address=c-head-svc.ns.svc.cluster.local:6379  --block  --dashboard-agent-listen-port=52365  --labels=accelerator=tpu,zone=us-a  --memory=4294967296  --metrics-export-port=8080  --num-cpus=2  --num-gpus=1  --resources='{\"TPU\":4,\"custom\":0.5}' ",
                Derive(yaml, 0, "c", "ns").RayStartCommand);
        }

        [Fact]
        public void SplitRayStartIsNotTheSubstring_13_6_AndBooleans_13_7()
        {
            string split = RayCluster("c", Group("resources:\n  limits: {cpu: '1'}\ncommand: [ray, start]\n"));
            Assert.Equal(
                new[] { " ray  start  && " + Ulimit + "ray start --head  --block  --dashboard-agent-listen-port=52365  --dashboard-host=0.0.0.0  --metrics-export-port=8080  --num-cpus=1 " },
                Derive(split, -1, "c").Args);

            string booleans = RayCluster("c", Group("resources:\n  limits: {cpu: '1'}\n",
                rayStartParams: "{log-color: 'False', include-dashboard: 'TRUE', disable-usage-stats: 'True', block: 'false', num-cpus: '0', object-store-memory: '100000000', temp-dir: ''}"));
            Assert.Equal(
                "ray start --head  --block  --dashboard-agent-listen-port=52365  --dashboard-host=0.0.0.0  --disable-usage-stats  --include-dashboard=TRUE  --log-color=False  --metrics-export-port=8080  --num-cpus=0  --object-store-memory=100000000  --temp-dir= ",
                Derive(booleans, -1, "c").RayStartCommand);
        }

        [Fact]
        public void OverwriteAndTheRayStartSubstringKeepTheUserCommand()
        {
            string quoted = RayCluster("c", Group(Resources("1", "1Gi") + "args: [\"echo 'ray start later'\"]\n"));
            ExpectedRayStart kept = Derive(quoted, -1, "c");
            Assert.Null(kept.Command);
            Assert.Null(kept.Args);
            Assert.StartsWith("ray start --head  --block ", kept.RayStartCommand);

            string overwrite = RayCluster("c", Group(Resources("1", "1Gi") + "command: [echo]\n"), metadataExtra: "annotations: {ray.io/overwrite-container-cmd: 'TRUE'}\n");
            Assert.Null(Derive(overwrite, -1, "c").Args);
        }

        [Fact]
        public void ExistingResourcesJsonIsMergedOrKeptOrDisablesGpus()
        {
            // §5.4: re-serialized compact and sorted when an accelerator is added (Go's Unmarshal: last key wins,
            // null is 0); kept verbatim when TPU is already there; invalid JSON also skips num-gpus (§14 item 8).
            string merged = RayCluster("c", Group("resources:\n  limits: {google.com/tpu: '1'}\n", rayStartParams: "{resources: '{\"x\": 1, \"x\": 2.50, \"y\": null}'}"));
            Assert.Equal("'{\"TPU\":1,\"x\":2.5,\"y\":0}'", Derive(merged, -1, "c").Params["resources"]);

            string kept = RayCluster("c", Group("resources:\n  limits: {google.com/tpu: '1', nvidia.com/gpu: '2'}\n", rayStartParams: "{resources: '\"{\"TPU\": 8}\"'}"));
            Assert.Equal("\"{\"TPU\": 8}\"", Derive(kept, -1, "c").Params["resources"]);
            Assert.Equal("2", Derive(kept, -1, "c").Params["num-gpus"]);

            string invalid = RayCluster("c", Group("resources:\n  limits: {nvidia.com/gpu: '2'}\n", rayStartParams: "{resources: '{ '}"));
            Assert.False(Derive(invalid, -1, "c").Params.ContainsKey("num-gpus"));
        }

        [Theory]
        // §5.7 table: quantity, Value(), AsApproximateFloat64 as Go JSON.
        [InlineData("1", "1", "1")]
        [InlineData("500m", "1", "0.5")]
        [InlineData("0.5", "1", "0.5")]
        [InlineData("1m", "1", "0.001")]
        [InlineData("1n", "1", "1e-9")]
        [InlineData("1500m", "2", "1.5")]
        [InlineData("2.5", "3", "2.5")]
        [InlineData("1001m", "2", "1.0010000000000001")]
        [InlineData("0.3", "1", "0.30000000000000004")]
        [InlineData("300m", "1", "0.3")]
        [InlineData("4000m", "4", "4")]
        [InlineData("1e3", "1000", "1000")]
        [InlineData("1E3", "1000", "1000")]
        [InlineData("10e2", "1000", "1000")]
        [InlineData("1Ki", "1024", "1024")]
        [InlineData("1M", "1000000", "1000000")]
        [InlineData("1Mi", "1048576", "1048576")]
        [InlineData("2G", "2000000000", "2000000000")]
        [InlineData("5Gi", "5368709120", "5368709120")]
        [InlineData("2.5Gi", "2684354560", "2684354560")]
        [InlineData("1.1Gi", "1181116007", "1181116006.4")]
        [InlineData("0", "0", "0")]
        public void QuantitiesFollowTheSpecTable(string text, string value, string json)
        {
            SpecQuantity q = SpecQuantity.Parse(text)!.Value;
            Assert.Equal(value, q.Value.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(json, ExpectedRayStart.GoNumber(q.AsApproximateFloat64()));
        }

        [Fact]
        public void ParsingKeepsNanoPrecisionRoundingUp()
        {
            // §5.7: 0.0000000001 → 1n; 123.4567891234 → 123.456789124, Value 124.
            Assert.Equal(new SpecQuantity(1, -9), SpecQuantity.Parse("0.0000000001"));
            Assert.Equal(new SpecQuantity(123456789124, -9), SpecQuantity.Parse("123.4567891234"));
            Assert.Equal(124, (long)SpecQuantity.Parse("123.4567891234")!.Value.Value);
        }

        [Theory]
        [InlineData("1K")]
        [InlineData("1KB")]
        [InlineData("")]
        [InlineData("1 ")]
        [InlineData("1Ee3")]
        public void InvalidQuantitiesAreRejected(string text) => Assert.Null(SpecQuantity.Parse(text));

        [Fact]
        public void GoNumbersUseExponentsOnlyOutsideTheirPlainRange()
        {
            // §5.8.
            Assert.Equal("1e-7", ExpectedRayStart.GoNumber(1e-7));
            Assert.Equal("0.000001", ExpectedRayStart.GoNumber(1e-6));
            Assert.Equal("1e+21", ExpectedRayStart.GoNumber(1e21));
            Assert.Equal("100000000000000000000", ExpectedRayStart.GoNumber(1e20));
            Assert.Equal("2147483648", ExpectedRayStart.GoNumber(2147483648));
        }
    }
}
