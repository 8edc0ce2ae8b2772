using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Analyzers.RayStartParams.ParamManifests;

namespace RayGen.Tests.Analyzers.PodLayout
{
    public class HeadServicePortsAnalyzerTests
    {
        private const string Id = "RAY0061";

        private const string Gcs = "- {containerPort: 6379, name: gcs-server}\n";
        private const string Dash = "- {containerPort: 8265, name: dashboard}\n";
        private const string Client = "- {containerPort: 10001, name: client}\n";

        /// <summary>The head container's <c>ports</c>, with the key marked as the expected location unless <paramref name="marks"/> is 0 (2: two findings there).</summary>
        private static string Ports(string items, int marks = 1) =>
            string.Concat(Enumerable.Repeat("{|RAY0061:", marks)) + "ports" + string.Concat(Enumerable.Repeat("|}", marks)) + ":\n" + items;

        private static string Doc(string kind, string ports, string? parameters = null, string? headExtra = null) =>
            Document(kind, Spec(head: parameters, headContainer: ports, headExtra: headExtra));

        private static Dictionary<string, string> Settings(string version = "1.7.0", string? headClusterIP = null)
        {
            var settings = KubeRayVersion(version);
            if (headClusterIP is not null)
            {
                settings["RayGenHeadClusterIPService"] = headClusterIP;
            }

            return settings;
        }

        private static Diagnostic Single(string yaml, DiagnosticSeverity severity, string message, IDictionary<string, string>? settings = null)
        {
            Diagnostic d = Assert.Single(RuleVerifier.Verify(Id, yaml, settings));
            Assert.Equal(severity, d.Severity);
            Assert.Contains(message, d.GetMessage());
            return d;
        }

        private static string Text(Location location, string yaml)
        {
            string plain = yaml.Replace("{|RAY0061:", string.Empty).Replace("|}", string.Empty);
            return plain.Substring(location.SourceSpan.Start, location.SourceSpan.Length);
        }

        // ---- the spec's Bad and Fixed snippets -------------------------------------------------------

        [Theory]
        [InlineData("RayCluster")]
        [InlineData("RayJob")]
        [InlineData("RayService")]
        [InlineData("RayCronJob")]
        public void BadSnippetIsAnErrorInEveryKind(string kind)
        {
            string yaml = Doc(kind, Ports(Gcs + Dash + Client), "port: \"6380\"", "serviceType: LoadBalancer");
            Diagnostic d = Single(yaml, DiagnosticSeverity.Error, "No head Service port is 6380, the GCS port (rayStartParams 'port')");
            Assert.Contains("not headless (serviceType is LoadBalancer)", d.GetMessage());
            Assert.Contains("wait forever", d.GetMessage());
            Assert.EndsWith("Change the port named 'gcs-server' to 6380.", d.GetMessage());
            Assert.Equal("port", Text(Assert.Single(d.AdditionalLocations), yaml));
        }

        [Theory]
        [InlineData("RayCluster")]
        [InlineData("RayJob")]
        [InlineData("RayService")]
        [InlineData("RayCronJob")]
        public void FixedSnippet(string kind)
        {
            RuleVerifier.VerifyNone(Id, Doc(kind, Ports("- {containerPort: 6380, name: gcs-server}\n" + Dash + Client, 0), "port: \"6380\"", "serviceType: LoadBalancer"));
        }

        // ---- RayJob / RayService / RayCronJob: the dashboard is found by its port name -----------------

        [Theory]
        [InlineData("RayJob", "the job is never submitted")]
        [InlineData("RayService", "the Serve applications are never deployed")]
        [InlineData("RayCronJob", "the job is never submitted")]
        public void NoPortNamedDashboardIsAnErrorEvenWhenHeadless(string kind, string consequence)
        {
            string yaml = Doc(kind, Ports(Gcs + "- {containerPort: 8265, name: dash}\n" + Client));
            Diagnostic d = Single(yaml, DiagnosticSeverity.Error, "no port named 'dashboard'");
            Assert.Contains("dashboard port is not found", d.GetMessage());
            Assert.Contains(consequence, d.GetMessage());
            Assert.Empty(d.AdditionalLocations);
        }

        [Fact]
        public void NoPortNamedDashboardIsFineInARayCluster()
        {
            RuleVerifier.VerifyNone(Id, Doc("RayCluster", Ports(Gcs + "- {containerPort: 8265, name: dash}\n" + Client, 0)));
        }

        [Theory]
        [InlineData("RayJob")]
        [InlineData("RayService")]
        [InlineData("RayCronJob")]
        public void DashboardPortNamedWithAnotherNumberIsAnError(string kind)
        {
            Single(Doc(kind, Ports(Gcs + "- {containerPort: 8266, name: dashboard}\n" + Client)), DiagnosticSeverity.Error,
                "The head Service port named 'dashboard' is 8266, but the dashboard listens on 8265 (the default)");
        }

        [Fact]
        public void DashboardPortParamIsWhatTheNamedPortMustMatch()
        {
            RuleVerifier.VerifyNone(Id, Doc("RayJob", Ports(Gcs + "- {containerPort: 8266, name: dashboard}\n" + Client, 0), "dashboard-port: \"8266\""));

            string yaml = Doc("RayService", Ports(Gcs + Dash + Client), "dashboard-port: \"8266\"");
            Diagnostic d = Single(yaml, DiagnosticSeverity.Error, "is 8265, but the dashboard listens on 8266 (rayStartParams 'dashboard-port')");
            Assert.Equal("dashboard-port", Text(Assert.Single(d.AdditionalLocations), yaml));
        }

        [Fact]
        public void RayJobDashboardCasesAreNotRepeatedAsWarnings()
        {
            // Not headless and 8265 missing: the Error about the name already says it.
            Single(Doc("RayJob", Ports(Gcs + Client), headExtra: "serviceType: NodePort"), DiagnosticSeverity.Error, "no port named 'dashboard'");
        }

        // ---- a Service with a cluster IP: Error for GCS, Warning for the dashboard and the client ------

        [Fact]
        public void MissingGcsPortIsAnErrorWhenNotHeadless()
        {
            Diagnostic d = Single(Doc("RayCluster", Ports(Dash + Client), headExtra: "serviceType: NodePort"), DiagnosticSeverity.Error,
                "No head Service port is 6379, the GCS port (the default).");
            Assert.Contains("(serviceType is NodePort)", d.GetMessage());
            Assert.EndsWith("List it in the head container's ports: '- {containerPort: 6379, name: gcs-server}'.", d.GetMessage());
            Assert.Empty(d.AdditionalLocations);
        }

        [Fact]
        public void MissingDashboardPortIsAWarningWhenNotHeadless()
        {
            Diagnostic d = Single(Doc("RayCluster", Ports(Gcs + Client), headExtra: "serviceType: LoadBalancer"), DiagnosticSeverity.Warning,
                "No head Service port is 8265, the dashboard port (the default).");
            Assert.Contains("Jobs API", d.GetMessage());
        }

        [Fact]
        public void MissingClientPortIsAWarningWhenNotHeadless()
        {
            string yaml = Doc("RayCluster", Ports(Gcs + Dash + Client), "ray-client-server-port: \"10002\"", "serviceType: NodePort");
            Diagnostic d = Single(yaml, DiagnosticSeverity.Warning,
                "No head Service port is 10002, the Ray client port (rayStartParams 'ray-client-server-port'); the port named 'client' is 10001.");
            Assert.Contains("ray://<head-svc>:10002", d.GetMessage());
            Assert.Equal("ray-client-server-port", Text(Assert.Single(d.AdditionalLocations), yaml));
        }

        [Fact]
        public void NamedPortWithAnotherNumberIsAWarningWhenNotHeadless()
        {
            // 6379 is listed (unnamed), but the port named gcs-server points elsewhere.
            Single(Doc("RayCluster", Ports("- containerPort: 6379\n- {containerPort: 6380, name: gcs-server}\n" + Dash + Client), headExtra: "serviceType: NodePort"),
                DiagnosticSeverity.Warning, "The head Service port named 'gcs-server' is 6380, but the GCS port is 6379 (the default).");
        }

        [Fact]
        public void SeveralFindingsAreReportedSeparately()
        {
            var diagnostics = RuleVerifier.Verify(Id, Doc("RayCluster", Ports("- {containerPort: 8000, name: serve}\n", 3), headExtra: "serviceType: NodePort"));
            Assert.Equal(
                new[] { DiagnosticSeverity.Error, DiagnosticSeverity.Warning, DiagnosticSeverity.Warning },
                diagnostics.Select(d => d.Severity).OrderByDescending(s => s));
        }

        // ---- headless (KubeRay >= 1.2.0, type ClusterIP): Info ------------------------------------------

        [Theory]
        [InlineData("RayCluster")]
        [InlineData("RayJob")]
        [InlineData("RayService")]
        [InlineData("RayCronJob")]
        public void HeadlessServiceMakesItInfo(string kind)
        {
            // The shape of KubeRay's ray-cluster.persistent-redis-sidecar.yaml, which works.
            Diagnostic d = Single(Doc(kind, Ports(Dash + Client)), DiagnosticSeverity.Info, "No head Service port is 6379");
            Assert.Contains("The Service is headless", d.GetMessage());
            Assert.Contains("kubectl port-forward", d.GetMessage());
        }

        [Theory]
        [InlineData("serviceType: ClusterIP")]
        [InlineData(null)]
        public void ClusterIPTypeIsHeadless(string? serviceType)
        {
            Single(Doc("RayCluster", Ports(Gcs + Dash), headExtra: serviceType), DiagnosticSeverity.Info, "No head Service port is 10001, the Ray client port");
        }

        [Fact]
        public void HeadlessMismatchIsInfo()
        {
            Single(Doc("RayCluster", Ports(Gcs + "- containerPort: 8265\n- {containerPort: 8266, name: dashboard}\n" + Client)), DiagnosticSeverity.Info,
                "The head Service port named 'dashboard' is 8266");
        }

        // ---- version boundary 1.1.x vs 1.2.0, and the knob ---------------------------------------------

        [Theory]
        [InlineData("1.1.0", DiagnosticSeverity.Error)]
        [InlineData("v1.1.1", DiagnosticSeverity.Error)]
        [InlineData("1.0", DiagnosticSeverity.Error)]
        [InlineData("1.2.0", DiagnosticSeverity.Info)]
        [InlineData("1.3.0", DiagnosticSeverity.Info)]
        public void HeadlessSinceKubeRay12(string version, DiagnosticSeverity severity)
        {
            Diagnostic d = Single(Doc("RayCluster", Ports(Dash + Client)), severity, "No head Service port is 6379", Settings(version));
            if (severity == DiagnosticSeverity.Error)
            {
                Assert.Contains("gives the head Service a cluster IP (headless since 1.2.0)", d.GetMessage());
            }
        }

        [Theory]
        [InlineData("true", DiagnosticSeverity.Error)]
        [InlineData("True", DiagnosticSeverity.Error)]
        [InlineData("false", DiagnosticSeverity.Info)]
        public void HeadClusterIPServiceKnob(string value, DiagnosticSeverity severity)
        {
            Diagnostic d = Single(Doc("RayCluster", Ports(Dash + Client)), severity, "No head Service port is 6379", Settings(headClusterIP: value));
            if (severity == DiagnosticSeverity.Error)
            {
                Assert.Contains("RayGenHeadClusterIPService=true", d.GetMessage());
            }
        }

        [Fact]
        public void InvalidKnobIsRay0193AndKeepsTheDefault()
        {
            var diagnostics = GeneratorHarness.Analyze(Doc("RayCluster", Ports(Dash + Client, 0)), Settings(headClusterIP: "yes"));
            Assert.Contains(diagnostics, d => d.Id == "RAY0193" && d.GetMessage().Contains("RayGenHeadClusterIPService 'yes'") && d.Severity == DiagnosticSeverity.Error);
            Assert.Equal(DiagnosticSeverity.Info, Assert.Single(diagnostics, d => d.Id == Id).Severity);
        }

        // ---- custom headService -------------------------------------------------------------------------

        private const string CustomService = "headService:\n  metadata:\n    name: my-head\n  spec:\n    ports:\n    - {name: custom, port: 12345}\n";

        [Fact]
        public void CustomServiceIsNotHeadlessAndGetsTheDefaultsAppended()
        {
            // No container ports: KubeRay appends its defaults (6379 …), so only a moved GCS port is missing.
            RuleVerifier.VerifyNone(Id, Doc("RayCluster", string.Empty, headExtra: CustomService));

            string yaml = Doc("RayCluster", string.Empty, "port: \"6380\"", "{|RAY0061:headService|}:" + CustomService.Substring("headService:".Length));
            Diagnostic d = Single(yaml, DiagnosticSeverity.Error, "No head Service port is 6380");
            Assert.Contains("a custom headService is given", d.GetMessage());
        }

        [Fact]
        public void CustomServicePortsCount()
        {
            string service = "headService:\n  spec:\n    ports:\n    - {name: gcs, port: 6380}\n";
            RuleVerifier.VerifyNone(Id, Doc("RayCluster", Ports(Dash + Client, 0), "port: \"6380\"", service));
        }

        [Fact]
        public void CustomServiceWithPortsIsLocatedAtTheContainerPorts()
        {
            Single(Doc("RayCluster", Ports(Dash + Client), headExtra: CustomService), DiagnosticSeverity.Error, "No head Service port is 6379");
        }

        [Fact]
        public void CustomHeadlessServiceIsInfo()
        {
            string service = "headService:\n  spec:\n    clusterIP: None\n";
            Single(Doc("RayCluster", Ports(Dash + Client), headExtra: service), DiagnosticSeverity.Info, "No head Service port is 6379");
        }

        [Fact]
        public void RayJobWithCustomServiceNamingTheDashboard()
        {
            string service = "headService:\n  spec:\n    ports:\n    - {name: dashboard, port: 8265}\n";
            RuleVerifier.VerifyNone(Id, Doc("RayJob", Ports(Gcs + Client, 0), headExtra: service));
        }

        // ---- must not trigger ----------------------------------------------------------------------------

        [Theory]
        [InlineData("RayCluster", "ports: []\n")]
        [InlineData("RayJob", "ports: []\n")]
        [InlineData("RayService", "ports:\n")]
        [InlineData("RayCronJob", "")]
        [InlineData("RayJob", "")]
        public void EmptyOrAbsentPortsUseTheDefaults(string kind, string ports)
        {
            RuleVerifier.VerifyNone(Id, Doc(kind, ports, "port: \"6380\"", "serviceType: NodePort"));
            RuleVerifier.VerifyNone(Id, Doc(kind, ports));
        }

        [Theory]
        [InlineData("port: \"{{ .Values.gcsPort }}\"", "RAY0190")]
        [InlineData("port: $GCS_PORT", "RAY0037")]
        [InlineData("port: \"$(GCS_PORT)\"", "RAY0037")]
        [InlineData("port: \"63 79\"", "RAY0033")]
        [InlineData("port: \"abc\"", "RAY0032")]
        [InlineData("port: 6380", "RAY0030")]
        public void ParamsThatAreNotPlainNumbersAreLeftToTheirRules(string param, string owner)
        {
            RuleVerifier.VerifyNone(Id, Doc("RayCluster", Ports(Dash + Client, 0), param, "serviceType: NodePort"), allowed: new[] { owner, "RAY0032", "RAY0033" });
        }

        [Theory]
        [InlineData("- {containerPort: \"{{ .Values.gcs }}\", name: gcs-server}\n")]
        [InlineData("- {containerPort: 6379, name: \"{{ .Values.name }}\"}\n")]
        [InlineData("- {containerPort: \"6379\", name: gcs-server}\n")]
        [InlineData("- gcs-server\n")]
        public void UnknowablePortsAreSkipped(string item)
        {
            var diagnostics = GeneratorHarness.Analyze(Doc("RayJob", "ports:\n" + item + Dash, headExtra: "serviceType: NodePort"));
            Assert.DoesNotContain(diagnostics, d => d.Id is Id or "RAY0199" or "AD0001");
        }

        [Fact]
        public void TemplatedServiceTypeSkipsAllButTheDashboardLookup()
        {
            RuleVerifier.VerifyNone(Id, Doc("RayCluster", Ports(Dash + Client, 0), headExtra: "serviceType: \"{{ .Values.type }}\""), allowed: "RAY0190");
            RuleVerifier.Verify(Id, Doc("RayJob", Ports(Gcs + Client), headExtra: "serviceType: \"{{ .Values.type }}\""));
        }

        [Fact]
        public void NoDashboardWhenTheDashboardIsOff()
        {
            RuleVerifier.VerifyNone(Id, Doc("RayCluster", Ports(Gcs + Client, 0), "include-dashboard: \"false\"", "serviceType: NodePort"));
        }

        [Fact]
        public void UnnamedPortsAndRepeatedNamesFollowKubeRaysMap()
        {
            // Unnamed ports become '<n>-port'; a repeated name keeps the last port (8265 here), so nothing is wrong.
            RuleVerifier.VerifyNone(Id, Doc("RayJob",
                Ports("- containerPort: 6379\n- containerPort: 10001\n- {containerPort: 1, name: dashboard}\n" + Dash, 0), headExtra: "serviceType: NodePort"));
        }

        [Fact]
        public void SuppressionCommentAboveThePortsKey()
        {
            RuleVerifier.VerifyNone(Id, Doc("RayJob", "# raygen-disable-next-line RAY0061\n" + Ports(Gcs + Client, 0)));
        }

        [Fact]
        public void WorkerPortsAreNotTheHeadService()
        {
            string yaml = Document("RayCluster", Spec(worker: "num-cpus: \"1\"", workerContainer: "ports:\n- {containerPort: 8000, name: serve}\n"));
            RuleVerifier.VerifyNone(Id, yaml);
        }
    }
}
