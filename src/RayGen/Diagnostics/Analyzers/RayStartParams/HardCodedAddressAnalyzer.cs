using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.Analysis;
using RayGen.Internal;
using RayGen.Model;

namespace RayGen.Diagnostics.Analyzers.RayStartParams
{
    /// <summary>
    /// RAY0039: a worker group sets <c>address</c>, so KubeRay does not compute
    /// <c>&lt;cluster&gt;-head-svc.&lt;ns&gt;.svc.&lt;domain&gt;:&lt;port&gt;</c>. Clusters of a RayJob, RayService or
    /// RayCronJob get generated names, so a literal is almost always wrong; for a RayCluster the value is checked
    /// against the head Service and the head port.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class HardCodedAddressAnalyzer : GroupArgsAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = Descriptors.Create(
            RuleIds.HardCodedWorkerAddress,
            "Worker 'address' is hard-coded",
            "{0} {1}",
            DiagnosticSeverity.Warning);

        // $FQ_RAY_IP:port, ${RAY_IP}:port, $(FQ_RAY_IP):port (kubelet), or the whole $RAY_ADDRESS.
        private static readonly Regex VariableForm = new(
            @"^(?:\$(?<v>FQ_RAY_IP|RAY_IP)|\$\{(?<v>FQ_RAY_IP|RAY_IP)\}|\$\((?<v>FQ_RAY_IP|RAY_IP)\)|""\$\{?(?<v>FQ_RAY_IP|RAY_IP)\}?""):(?<port>.*)$|^(?:\$RAY_ADDRESS|\$\{RAY_ADDRESS\}|\$\(RAY_ADDRESS\))$",
            RegexOptions.CultureInvariant);

        internal override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

        internal override void Analyze(GroupRuleContext context)
        {
            GroupArgs group = context.Group;
            ParamsView view = ParamsView.For(context);
            if (group.IsHead || group.Manifest.Cluster is not { } cluster
                || view.Entries.FirstOrDefault(e => e.Key == "address") is not { IsStringValue: true, IsTemplated: false } entry)
            {
                return;
            }

            string headPort = cluster.Head.RayStartParams?.LastOrDefault(p => p.Key == "port")?.Value ?? "6379";
            string value = entry.Value.Trim();
            Match variable = VariableForm.Match(value);
            if (variable.Success)
            {
                if (!variable.Groups["port"].Success || variable.Groups["port"].Value == headPort)
                {
                    return;
                }

                context.Report(Rule, entry.ValueNode.Span, null, $"Worker 'address' uses port {variable.Groups["port"].Value}, but the head's GCS port is {headPort} (headGroupSpec.rayStartParams.port, default 6379). Remove the key: KubeRay fills in $FQ_RAY_IP:{headPort}.", view.FinalArgs);
                return;
            }

            string? service = HeadService(group, cluster, group.Profile);
            string domain = context.Settings.ClusterDomain.Length > 0 ? context.Settings.ClusterDomain : "cluster.local";
            string expected = (service ?? "<cluster>-head-svc") + "." + (group.Manifest.Namespace ?? "<namespace>") + ".svc." + domain + ":" + headPort;
            if (service is null)
            {
                string why = group.Manifest.Kind == RayKinds.RayCluster
                    ? "the RayCluster has only metadata.generateName, so its name (and its head Service's) is random"
                    : $"a {group.Manifest.Kind} creates its RayCluster with a generated name (random suffix), so the head Service name is not known in advance";
                context.Report(Rule, entry.ValueNode.Span, null, $"Worker 'address' is hard-coded to '{ParamText.Show(entry.Value)}', so KubeRay does not compute it ({expected}): {why}. Remove the key (KubeRay fills it in), or use $FQ_RAY_IP:{headPort}.", view.FinalArgs);
                return;
            }

            int colon = value.LastIndexOf(':');
            string host = colon < 0 ? value : value.Substring(0, colon);
            string? port = colon < 0 ? null : value.Substring(colon + 1);
            bool hostMatches = HostForms(service, group.Manifest.Namespace, domain).Any(f => f(host));
            if (hostMatches && port == headPort)
            {
                return;
            }

            string problem = !hostMatches
                ? $"'{ParamText.Show(host)}' is not the head Service '{service}' (in any form that resolves from the worker's namespace)"
                : port is null ? $"it has no port; the head's GCS port is {headPort}" : $"port {port} is not the head's GCS port {headPort}";
            context.Report(Rule, entry.ValueNode.Span, null, $"Worker 'address' is hard-coded to '{ParamText.Show(entry.Value)}', so KubeRay does not compute {expected}, and {problem}. Remove the key (KubeRay fills it in).", view.FinalArgs);
        }

        /// <summary>The head Service name when the manifest decides it: a custom headService name, or a RayCluster's own name.</summary>
        private static string? HeadService(GroupArgs group, ClusterSpecModel cluster, KubeRay.KubeRayProfile profile)
        {
            if (profile.CustomHeadServiceName && !string.IsNullOrEmpty(cluster.HeadServiceName))
            {
                return cluster.HeadServiceName;
            }

            return group.Manifest.Kind == RayKinds.RayCluster && !group.Manifest.NameIsPrefix
                ? KubeRayNaming.HeadServiceName(group.Manifest.Name, profile.LegacyHeadServiceNaming)
                : null;
        }

        /// <summary><c>svc</c>, <c>svc.ns</c>, <c>svc.ns.svc</c>, <c>svc.ns.svc.domain</c> (any namespace when the manifest has none).</summary>
        private static IEnumerable<Func<string, bool>> HostForms(string service, string? ns, string domain)
        {
            string n = ns is null ? "[a-z0-9]([-a-z0-9]*[a-z0-9])?" : Regex.Escape(ns);
            var pattern = new Regex("^" + Regex.Escape(service) + "(\\." + n + "(\\.svc(\\." + Regex.Escape(domain) + "\\.?)?)?)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
            yield return pattern.IsMatch;
        }
    }
}
