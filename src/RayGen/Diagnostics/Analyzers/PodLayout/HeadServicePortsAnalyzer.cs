using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.KubeRay;
using RayGen.Model;
using RayGen.Yaml;

namespace RayGen.Diagnostics.Analyzers.PodLayout
{
    /// <summary>
    /// RAY0061: the head Service KubeRay builds from the head container's <c>ports</c> (or a custom
    /// <c>headService</c>) misses a port Ray listens on, or names it with another number. Error when the
    /// RayJob/RayService controllers cannot find the dashboard by name, or workers cannot reach GCS through a
    /// Service with a cluster IP; Warning for the dashboard and client ports there; Info when the Service is
    /// headless (pods reach every port of the head Pod; only access through the Service by port suffers).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class HeadServicePortsAnalyzer : GroupArgsAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = Descriptors.Create(
            RuleIds.HeadServicePorts,
            "Head Service ports do not match what Ray and KubeRay use",
            "{0}",
            DiagnosticSeverity.Error);

        private const string HeadlessNote =
            " The Service is headless, so workers and in-cluster clients reach every port of the head Pod; only access through the Service by port is affected (kubectl port-forward svc/…, Ingress, Gateway and HTTPRoute backends).";

        private static readonly RayPort Gcs = new("GCS port", "port", 6379, "gcs-server");
        private static readonly RayPort Dashboard = new("dashboard port", "dashboard-port", 8265, "dashboard");
        private static readonly RayPort Client = new("Ray client port", "ray-client-server-port", 10001, "client");

        internal override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

        internal override void Analyze(GroupRuleContext context)
        {
            if (!context.Group.IsHead
                || HeadService.Read(context.Group.GroupNode, context.Group.ContainerNode, context.Settings) is not { } service
                || (service.PortsEntry is null && service.CustomEntry is null))
            {
                return; // no ports listed and no custom Service: KubeRay uses its defaults
            }

            SourceSpan location = (service.PortsEntry ?? service.CustomEntry)!.Key.Span;
            YamlNode? parameters = context.Group.GroupNode.Get("rayStartParams");
            string kind = context.Group.Manifest.Kind;
            bool looksUpDashboard = kind is RayKinds.RayJob or RayKinds.RayService or RayKinds.RayCronJob;
            bool dashboardOff = parameters?.Get("include-dashboard") is { Kind: YamlNodeKind.Scalar } include
                && string.Equals(include.Value, "false", StringComparison.OrdinalIgnoreCase);

            foreach (RayPort port in new[] { Gcs, Dashboard, Client })
            {
                YamlEntry? param = parameters?.Kind == YamlNodeKind.Mapping ? parameters.GetEntry(port.Param) : null;
                if (Expected(param, port.Default) is not { } expected)
                {
                    continue; // templated, a variable or not a number: the rayStartParams rules own it
                }

                string source = param is null ? "the default" : $"rayStartParams '{port.Param}'";
                SourceSpan[] related = param is null ? Array.Empty<SourceSpan>() : new[] { param.Key.Span };
                HeadServicePort? named = service.Named(port.Name);

                if (port == Dashboard && looksUpDashboard)
                {
                    ReportDashboardLookup(context, location, related, kind, named, expected, source);
                    continue;
                }

                if (service.IsHeadless is not { } headless || (port == Dashboard && dashboardOff))
                {
                    continue; // a templated serviceType leaves open who is affected; no dashboard, nothing to reach
                }

                string finding;
                ProblemSeverity severity;
                if (!service.HasPort(expected))
                {
                    finding = $"No head Service port is {expected}, the {port.Label} ({source})"
                        + (named is null ? "." : $"; the port named '{port.Name}' is {named.Port}.");
                    severity = headless ? ProblemSeverity.Info : port == Gcs ? ProblemSeverity.Error : ProblemSeverity.Warning;
                }
                else if (named is not null && named.Port != expected)
                {
                    finding = $"The head Service port named '{port.Name}' is {named.Port}, but the {port.Label} is {expected} ({source}).";
                    severity = headless ? ProblemSeverity.Info : ProblemSeverity.Warning;
                }
                else
                {
                    continue;
                }

                bool onlyTheName = service.HasPort(expected);
                string fix = named is not null
                    ? $" Change the port named '{port.Name}' to {expected}."
                    : $" List it in the head container's ports: '- {{containerPort: {expected}, name: {port.Name}}}'.";
                string message = headless
                    ? finding + HeadlessNote + fix
                    : finding + $" The Service is not headless ({service.NotHeadlessReason}), so " + port.Consequence(expected, onlyTheName) + fix;
                context.Report(Rule, location, related, severity, message);
            }
        }

        /// <summary>The RayJob and RayService controllers find the dashboard by the port name 'dashboard' (utils.FetchHeadServiceURL).</summary>
        private static void ReportDashboardLookup(GroupRuleContext context, SourceSpan location, SourceSpan[] related, string kind, HeadServicePort? named, long expected, string source)
        {
            string controller = kind == RayKinds.RayService ? "RayService" : "RayJob";
            string consequence = kind == RayKinds.RayService ? "the Serve applications are never deployed" : "the job is never submitted";
            if (named is null)
            {
                context.Report(Rule, location, related, ProblemSeverity.Error,
                    $"The head Service has no port named 'dashboard': the {controller} controller looks the dashboard URL up by that name and keeps failing with \"dashboard port is not found\", so {consequence}. "
                    + $"Name the dashboard's containerPort ({expected}, {source}) 'dashboard': '- {{containerPort: {expected}, name: dashboard}}'.");
            }
            else if (named.Port != expected)
            {
                context.Report(Rule, location, related, ProblemSeverity.Error,
                    $"The head Service port named 'dashboard' is {named.Port}, but the dashboard listens on {expected} ({source}): the {controller} controller sends its requests to port {named.Port}, where nothing listens, so {consequence}. "
                    + $"Change that containerPort to {expected}.");
            }
        }

        /// <summary>The port Ray uses: the param's value when it is a plain number, the default when the param is absent, else <c>null</c>.</summary>
        private static long? Expected(YamlEntry? param, long defaultPort)
        {
            if (param is null)
            {
                return defaultPort;
            }

            YamlNode value = param.Value;
            return value is { Kind: YamlNodeKind.Scalar, ScalarType: YamlScalarType.String } && value.Value.Length is > 0 and <= 5
                && value.Value.All(c => c is >= '0' and <= '9') && long.Parse(value.Value, System.Globalization.CultureInfo.InvariantCulture) is var port and > 0 and <= 65535
                ? port
                : null;
        }

        /// <summary>A port Ray listens on, the param that moves it, and the name KubeRay's defaults give it.</summary>
        private sealed class RayPort
        {
            public RayPort(string label, string param, long defaultPort, string name)
            {
                Label = label;
                Param = param;
                Default = defaultPort;
                Name = name;
            }

            public string Label { get; }

            public string Param { get; }

            public long Default { get; }

            public string Name { get; }

            /// <summary>What goes wrong through a Service with a cluster IP.</summary>
            public string Consequence(long expected, bool onlyTheName) => onlyTheName
                ? $"whatever addresses the port by its name '{Name}' (Ingress, Gateway and HTTPRoute backends, kubectl port-forward) reaches a port where nothing listens."
                : Name switch
                {
                    "gcs-server" => $"workers and their wait-gcs-ready init container connect to <head-svc>:{expected} through the cluster IP and wait forever.",
                    "dashboard" => $"the dashboard and the Jobs API (ray job submit --address http://<head-svc>:{expected}) cannot be reached through the Service.",
                    _ => $"Ray client connections (ray://<head-svc>:{expected}) cannot be reached through the Service.",
                };
        }
    }
}
