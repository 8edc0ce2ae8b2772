using System.Linq;
using RayGen.Model;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Infrastructure.Manifests;

namespace RayGen.Tests.KubeRay
{
    /// <summary>kuberay-pod-command.md §13: every worked example, exact strings, default profile (1.7).</summary>
    public class WorkedExampleTests
    {
        private const string Ulimit = "ulimit -n ${RAY_START_ULIMIT_OPEN_FILES:-65536}; ";

        [Fact]
        public void HeadCommand_13_1()
        {
            string yaml = RayCluster("raycluster-head-command", Group(
                "resources:\n  limits:\n    cpu: \"1\"\n    memory: \"5Gi\"\n  requests:\n    cpu: \"1\"\n    memory: \"2Gi\"\ncommand: [\"echo 123\"]\nargs: [\"456\"]\n"));
            GroupOutputModel head = KubeRayRunner.Single(yaml).Head;

            Assert.Equal(new[] { "/bin/bash", "-c", "--" }, head.Command);
            Assert.Equal(
                " echo 123  456  && ulimit -n ${RAY_START_ULIMIT_OPEN_FILES:-65536}; ray start --head  --block  --dashboard-agent-listen-port=52365  --dashboard-host=0.0.0.0  --memory=5368709120  --metrics-export-port=8080  --num-cpus=1 ",
                KubeRayRunner.Args(head));
            Assert.Equal(
                "ray start --head  --block  --dashboard-agent-listen-port=52365  --dashboard-host=0.0.0.0  --memory=5368709120  --metrics-export-port=8080  --num-cpus=1 ",
                KubeRayRunner.RayStart(head));
            Assert.True(head.IsCommandGenerated);
            Assert.Contains(head.AddedEnv, e => e.Name == "RAY_ADDRESS" && e.Value!.ToString() == "127.0.0.1:6379");
            Assert.Contains(head.AddedEnv, e => e.Name == "RAY_PORT" && e.Value!.ToString() == "6379");
            Assert.Contains(head.AddedEnv, e => e.Name == "KUBERAY_GEN_RAY_START_CMD" && e.Value == head.RayStartCommand);
        }

        [Fact]
        public void SampleCluster_13_2()
        {
            string yaml = RayCluster("raycluster-kuberay",
                Group(Resources("1", "5Gi")),
                Worker("workergroup", Group(Resources("1", "1Gi"))));
            ClusterOutputModel cluster = KubeRayRunner.Single(yaml);

            Assert.Equal(
                Ulimit + "ray start --head  --block  --dashboard-agent-listen-port=52365  --dashboard-host=0.0.0.0  --memory=5368709120  --metrics-export-port=8080  --num-cpus=1 ",
                KubeRayRunner.Args(cluster.Head));
            GroupOutputModel worker = cluster.Workers.Single();
            Assert.Equal(
                Ulimit + "ray start  --address=raycluster-kuberay-head-svc.default.svc.cluster.local:6379  --block  --dashboard-agent-listen-port=52365  --memory=1073741824  --metrics-export-port=8080  --num-cpus=1 ",
                KubeRayRunner.Args(worker, "raycluster-kuberay", "default"));

            string Env(string name) => KubeRayRunner.Render(worker.AddedEnv.Single(e => e.Name == name).Value!, "raycluster-kuberay", "default");
            Assert.Equal("raycluster-kuberay-head-svc.default.svc.cluster.local", Env("FQ_RAY_IP"));
            Assert.Equal("raycluster-kuberay-head-svc", Env("RAY_IP"));
            Assert.Equal("raycluster-kuberay-head-svc.default.svc.cluster.local:6379", Env("RAY_ADDRESS"));
            Assert.Contains(
                "ray health-check --address raycluster-kuberay-head-svc.default.svc.cluster.local:6379",
                KubeRayRunner.Render(worker.WaitGcsReady!.Script!, "raycluster-kuberay", "default"));
        }

        [Fact]
        public void AutoscalingHead_13_3()
        {
            string yaml = RayCluster("c", Group(Resources("1", "1Gi")), specExtra: "enableInTreeAutoscaling: true\n");
            Assert.Equal(
                Ulimit + "ray start --head  --block  --dashboard-agent-listen-port=52365  --dashboard-host=0.0.0.0  --memory=1073741824  --metrics-export-port=8080  --no-monitor  --num-cpus=1 ",
                KubeRayRunner.Args(KubeRayRunner.Single(yaml).Head));
        }

        [Fact]
        public void WorkerWithGpuAndOwnPort_13_4()
        {
            string worker = Worker("small-group", Group(
                "resources:\n  limits:\n    cpu: \"1\"\n    memory: \"1Gi\"\n    nvidia.com/gpu: \"3\"\n", rayStartParams: "{port: \"6379\"}"));
            ClusterOutputModel cluster = KubeRayRunner.Single(RayCluster("raycluster-sample", Group(Resources("1", "1Gi")), worker));
            Assert.Equal(
                Ulimit + "ray start  --address=raycluster-sample-head-svc.default.svc.cluster.local:6379  --block  --dashboard-agent-listen-port=52365  --memory=1073741824  --metrics-export-port=8080  --num-cpus=1  --num-gpus=3  --port=6379 ",
                KubeRayRunner.Args(cluster.Workers.Single(), "raycluster-sample", "default"));
        }

        [Fact]
        public void GroupResourcesAndLabels_13_5()
        {
            string worker = Worker("tpu", Group(
                "resources:\n  limits:\n    cpu: \"4\"\n    memory: \"8Gi\"\n    google.com/tpu: \"4\"\n",
                extra: "resources: {CPU: \"2\", memory: \"4Gi\", GPU: \"1\", TPU: \"4\", custom: \"500m\"}\nlabels: {zone: us-a, accelerator: tpu}"));
            ClusterOutputModel cluster = KubeRayRunner.Single(RayCluster("c", Group(Resources("1", "1Gi")), worker));
            Assert.Equal(
                Ulimit + "ray start  --address=c-head-svc.ns.svc.cluster.local:6379  --block  --dashboard-agent-listen-port=52365  --labels=accelerator=tpu,zone=us-a  --memory=4294967296  --metrics-export-port=8080  --num-cpus=2  --num-gpus=1  --resources='{\"TPU\":4,\"custom\":0.5}' ",
                KubeRayRunner.Args(cluster.Workers.Single(), "c", "ns"));
        }

        [Fact]
        public void RayAndStartInSeparateElementsAreNotMatched_13_6()
        {
            string yaml = RayCluster("c", Group("resources:\n  limits:\n    cpu: \"1\"\ncommand: [\"ray\", \"start\"]\n"));
            GroupOutputModel head = KubeRayRunner.Single(yaml).Head;
            Assert.True(head.IsCommandGenerated);
            Assert.Equal(
                " ray  start  && " + Ulimit + "ray start --head  --block  --dashboard-agent-listen-port=52365  --dashboard-host=0.0.0.0  --metrics-export-port=8080  --num-cpus=1 ",
                KubeRayRunner.Args(head));
        }

        [Fact]
        public void BooleanHandling_13_7()
        {
            string yaml = RayCluster("c", Group(
                "resources:\n  limits:\n    cpu: \"1\"\n",
                rayStartParams: "{log-color: \"False\", include-dashboard: \"TRUE\", disable-usage-stats: \"True\", block: \"false\", num-cpus: \"0\", object-store-memory: \"100000000\", temp-dir: \"\"}"));
            Assert.Equal(
                "ray start --head  --block  --dashboard-agent-listen-port=52365  --dashboard-host=0.0.0.0  --disable-usage-stats  --include-dashboard=TRUE  --log-color=False  --metrics-export-port=8080  --num-cpus=0  --object-store-memory=100000000  --temp-dir= ",
                KubeRayRunner.RayStart(KubeRayRunner.Single(yaml).Head));
        }

        [Theory]
        [InlineData("echo 'ray start later'")]
        [InlineData("ray start --head --block")]
        public void RayStartSubstringKeepsTheUserCommand(string arg)
        {
            string yaml = RayCluster("c", Group($"command: [\"/bin/sh\", \"-c\"]\nargs: [\"{arg}\"]\n"));
            GroupOutputModel head = KubeRayRunner.Single(yaml).Head;
            Assert.False(head.IsCommandGenerated);
            Assert.Equal(new[] { "/bin/sh", "-c" }, head.Command);
            Assert.Equal(new[] { arg }, head.Args.Select(a => a.ToString()));
        }

        [Fact]
        public void OverwriteAnnotationOnClusterKeepsCommandButStillComputesRayStart()
        {
            string yaml = RayCluster("c", Group("resources:\n  limits:\n    cpu: \"2\"\nargs: [\"ulimit -n 65536; echo head; $KUBERAY_GEN_RAY_START_CMD\"]\n"),
                metadataExtra: "annotations:\n  ray.io/overwrite-container-cmd: \"TRUE\"\n");
            GroupOutputModel head = KubeRayRunner.Single(yaml).Head;
            Assert.False(head.IsCommandGenerated);
            Assert.Empty(head.Command);
            Assert.Equal("ray start --head  --block  --dashboard-agent-listen-port=52365  --dashboard-host=0.0.0.0  --metrics-export-port=8080  --num-cpus=2 ", KubeRayRunner.RayStart(head));
        }

        [Fact]
        public void OverwriteAnnotationOnOneTemplateOnlyAffectsThatGroup()
        {
            string worker = Worker("w", Group("args: [\"sleep 1\"]\n", templateMetadata: "annotations:\n  ray.io/overwrite-container-cmd: \"true\"\n"));
            ClusterOutputModel cluster = KubeRayRunner.Single(RayCluster("c", Group("args: [\"sleep 1\"]\n"), worker,
                metadataExtra: "annotations:\n  ray.io/overwrite-container-cmd: \"false\"\n"));
            Assert.True(cluster.Head.IsCommandGenerated);
            Assert.False(cluster.Workers.Single().IsCommandGenerated);
        }

        [Fact]
        public void LoginShellKnobAppendsL()
        {
            GroupOutputModel head = KubeRayRunner.Build(RayCluster("c", Group("")), loginShell: true).Single().Head;
            Assert.Equal(new[] { "/bin/bash", "-cl", "--" }, head.Command);
        }

        [Fact]
        public void InvalidResourcesJsonDisablesGpuDetection()
        {
            string yaml = RayCluster("c", Group("resources:\n  limits:\n    nvidia.com/gpu: \"1\"\n    google.com/tpu: \"4\"\n", rayStartParams: "{resources: \"{\"}"));
            Assert.Equal(
                "ray start --head  --block  --dashboard-agent-listen-port=52365  --dashboard-host=0.0.0.0  --metrics-export-port=8080  --resources={ ",
                KubeRayRunner.RayStart(KubeRayRunner.Single(yaml).Head));
        }

        [Theory]
        [InlineData("nvidia.com/mig-2g.32gb", true)]
        [InlineData("nvidia.com/mig-12g.128gb", true)]
        [InlineData("nvidia.com/gpu-mig-12g.128gb", false)]
        [InlineData("amd.com/gpu", true)]
        public void MigKeysCountAsGpus(string key, bool gpu)
        {
            string yaml = RayCluster("c", Group($"resources:\n  limits:\n    {key}: \"2\"\n"));
            bool hasGpus = KubeRayRunner.Single(yaml).Head.RayStartParams.Any(p => p.Key == "num-gpus" && p.Value == "2");
            Assert.Equal(gpu, hasGpus);
        }

        [Fact]
        public void FirstGpuKeyInSortedOrderWins()
        {
            string yaml = RayCluster("c", Group("resources:\n  limits:\n    nvidia.com/gpu: \"4\"\n    amd.com/gpu: \"2\"\n"));
            Assert.Contains(new KeyValue("num-gpus", "2"), KubeRayRunner.Single(yaml).Head.RayStartParams);
        }

        [Fact]
        public void NeuronCoreWinsOverTpuAndExistingJsonIsNormalized()
        {
            string yaml = RayCluster("c", Group(
                "resources:\n  limits:\n    google.com/tpu: \"4\"\n    aws.amazon.com/neuroncore: \"2\"\n",
                rayStartParams: "{resources: \"'{\\\"a\\\": 2.0}'\"}"));
            Assert.Contains(new KeyValue("resources", "'{\"a\":2,\"neuron_cores\":2}'"), KubeRayRunner.Single(yaml).Head.RayStartParams);
        }

        [Fact]
        public void CpuRequestFallbackAndZeroLimit()
        {
            string yaml = RayCluster("c", Group("resources:\n  limits:\n    cpu: \"0\"\n    memory: \"0\"\n  requests:\n    cpu: \"1500m\"\n    memory: \"2Gi\"\n"));
            var parameters = KubeRayRunner.Single(yaml).Head.RayStartParams;
            Assert.Contains(new KeyValue("num-cpus", "2"), parameters);
            Assert.DoesNotContain(parameters, p => p.Key == "memory");
        }

        [Fact]
        public void CustomHeadServiceAndPortFeedWorkerAddress()
        {
            string worker = Worker("w", Group(""));
            string yaml = RayCluster("c", Group("", rayStartParams: "{port: \"6380\"}", extra: "headService:\n  metadata:\n    name: my-head"), worker);
            GroupOutputModel w = KubeRayRunner.Build(yaml, domain: "corp.local").Single().Workers.Single();
            Assert.Contains(" --address=my-head.prod.svc.corp.local:6380 ", KubeRayRunner.Args(w, "ignored", "prod"));
        }

        [Fact]
        public void RedisCredentialsFromGcsFaultToleranceOptions()
        {
            string yaml = RayCluster("c", Group(""), specExtra: "gcsFaultToleranceOptions:\n  redisAddress: redis:6379\n  redisPassword:\n    value: secret\n");
            Assert.Contains(" --redis-password=$REDIS_PASSWORD ", KubeRayRunner.RayStart(KubeRayRunner.Single(yaml).Head));
        }
        [Fact]
        public void WaitGcsReadyScriptIsTheOperatorsText_8()
        {
            // kuberay-pod-command.md §8, the Go literal with "%s:%s" replaced by FQDN and head port.
            const string GoLiteral = "\n\t\t\t\t\tSECONDS=0\n\t\t\t\t\twhile true; do\n\t\t\t\t\t\tif (( SECONDS <= 120 )); then\n\t\t\t\t\t\t\tif ray health-check --address %s:%s > /dev/null 2>&1; then\n\t\t\t\t\t\t\t\techo \"GCS is ready.\"\n\t\t\t\t\t\t\t\tbreak\n\t\t\t\t\t\t\tfi\n\t\t\t\t\t\t\techo \"$SECONDS seconds elapsed: Waiting for GCS to be ready.\"\n\t\t\t\t\t\telse\n\t\t\t\t\t\t\tif ray health-check --address %s:%s; then\n\t\t\t\t\t\t\t\techo \"GCS is ready. Any error messages above can be safely ignored.\"\n\t\t\t\t\t\t\t\tbreak\n\t\t\t\t\t\t\tfi\n\t\t\t\t\t\t\techo \"$SECONDS seconds elapsed: Still waiting for GCS to be ready. For troubleshooting, refer to the FAQ at https://docs.ray.io/en/master/cluster/kubernetes/troubleshooting.html.\"\n\t\t\t\t\t\tfi\n\t\t\t\t\t\tsleep 5\n\t\t\t\t\tdone\n\t\t\t\t";
            string worker = Worker("w", Group(""));
            ClusterOutputModel cluster = KubeRayRunner.Single(RayCluster("raycluster-kuberay", Group(""), worker));
            InitContainerOutput init = cluster.Workers.Single().WaitGcsReady!;
            Assert.Equal("wait-gcs-ready", init.Name);
            Assert.Equal(new[] { "/bin/bash", "-c", "--" }, init.Command);
            Assert.Equal(
                GoLiteral.Replace("%s:%s", "raycluster-kuberay-head-svc.default.svc.cluster.local:6379"),
                KubeRayRunner.Render(init.Script!, "raycluster-kuberay", "default"));
            Assert.Null(cluster.Head.WaitGcsReady);
            Assert.DoesNotContain(KubeRayRunner.Build(RayCluster("c", Group(""), worker), initInjection: false).Single().Workers, w => w.WaitGcsReady is not null);
        }
    }
}
