using System;
using System.Collections.Generic;
using System.Linq;
using RayGen.Yaml;

namespace RayGen.KubeRay
{
    /// <summary>One port of the head Service: name and number, and the YAML node it came from (<c>null</c> for KubeRay's defaults).</summary>
    internal sealed class HeadServicePort
    {
        public HeadServicePort(string name, long port, YamlNode? source)
        {
            Name = name;
            Port = port;
            Source = source;
        }

        public string Name { get; }

        public long Port { get; }

        public YamlNode? Source { get; }
    }

    /// <summary>
    /// The head Service KubeRay creates (common/service.go, <c>BuildServiceForHeadPod</c>), as far as ports and
    /// headlessness go. Ports (<c>getServicePorts</c>): containers[0] <c>ports</c> of the head as a map name → port
    /// (an unnamed port is <c>&lt;n&gt;-port</c>, a repeated name keeps the last port); an empty or absent list gives
    /// the defaults; a <c>metrics</c> port is added when missing. A custom <c>headService</c> keeps its own
    /// <c>spec.ports</c> first and gets these appended. Headless (1.2.0+): a generated Service of type ClusterIP
    /// unless <c>ENABLE_RAY_HEAD_CLUSTER_IP_SERVICE=true</c>; KubeRay never makes a custom one headless (it is when
    /// its own spec says <c>clusterIP: None</c>).
    /// </summary>
    internal sealed class HeadService
    {
        /// <summary>KubeRay's <c>getDefaultPorts</c>, used when the head container lists no ports.</summary>
        public static readonly IReadOnlyList<(string Name, long Port)> DefaultPorts = new[]
        {
            ("gcs-server", 6379L), ("dashboard", 8265L), ("client", 10001L), ("serve", 8000L), ("metrics", 8080L),
        };

        private HeadService(IReadOnlyList<HeadServicePort> ports, YamlEntry? portsEntry, YamlEntry? customEntry, bool? isHeadless, string notHeadlessReason)
        {
            Ports = ports;
            PortsEntry = portsEntry;
            CustomEntry = customEntry;
            IsHeadless = isHeadless;
            NotHeadlessReason = notHeadlessReason;
        }

        /// <summary>The Service's ports in order: the custom Service's own, then the ones KubeRay adds.</summary>
        public IReadOnlyList<HeadServicePort> Ports { get; }

        /// <summary>The head container's <c>ports</c> entry when it lists at least one port.</summary>
        public YamlEntry? PortsEntry { get; }

        /// <summary>The <c>headService</c> entry of the head group, when a custom Service is given.</summary>
        public YamlEntry? CustomEntry { get; }

        /// <summary>Whether the Service is headless; <c>null</c> when a templated <c>serviceType</c> leaves it open.</summary>
        public bool? IsHeadless { get; }

        /// <summary>Why the Service has a cluster IP (for messages); empty when it is headless.</summary>
        public string NotHeadlessReason { get; }

        /// <summary>The first port named <paramref name="name"/> (what a lookup by name finds), if any.</summary>
        public HeadServicePort? Named(string name) => Ports.FirstOrDefault(p => p.Name == name);

        public bool HasPort(long port) => Ports.Any(p => p.Port == port);

        /// <summary>
        /// Reads the head Service of a head group. <c>null</c> when a port's name or number cannot be known
        /// (templated, not an integer, not a mapping): then no conclusion about the ports is safe.
        /// </summary>
        public static HeadService? Read(YamlNode headGroup, YamlNode? rayContainer, OperatorSettings settings)
        {
            var ports = new List<HeadServicePort>();
            YamlEntry? customEntry = headGroup.GetEntry("headService") is { Value: { IsNull: false } } custom ? custom : null;
            YamlNode? customSpec = null;
            if (customEntry is not null)
            {
                if (customEntry.Value.Kind != YamlNodeKind.Mapping)
                {
                    return null;
                }

                customSpec = customEntry.Value.Get("spec");
                if (customSpec?.Get("ports") is { IsNull: false } customPorts)
                {
                    if (customPorts.Kind != YamlNodeKind.Sequence)
                    {
                        return null;
                    }

                    foreach (YamlNode item in customPorts.Items)
                    {
                        if (item.Kind != YamlNodeKind.Mapping || Number(item.Get("port")) is not { } number || Name(item.Get("name")) is not { } name)
                        {
                            return null;
                        }

                        ports.Add(new HeadServicePort(name, number, item));
                    }
                }
            }

            // getPortsFromCluster: a map, so a repeated name keeps the last port (Go map order is random; only names matter).
            var generated = new List<HeadServicePort>();
            YamlEntry? portsEntry = rayContainer?.GetEntry("ports");
            if (portsEntry is { Value: { IsNull: false } list })
            {
                if (list.Kind != YamlNodeKind.Sequence)
                {
                    return null;
                }

                foreach (YamlNode item in list.Items)
                {
                    if (item.Kind != YamlNodeKind.Mapping || Number(item.Get("containerPort")) is not { } number || Name(item.Get("name")) is not { } name)
                    {
                        return null;
                    }

                    generated.RemoveAll(p => p.Name == (name.Length == 0 ? number + "-port" : name));
                    generated.Add(new HeadServicePort(name.Length == 0 ? number + "-port" : name, number, item));
                }
            }

            if (generated.Count == 0)
            {
                portsEntry = null;
                generated.AddRange(DefaultPorts.Select(p => new HeadServicePort(p.Name, p.Port, null)));
            }
            else if (!generated.Any(p => p.Name == "metrics"))
            {
                generated.Add(new HeadServicePort("metrics", 8080, null));
            }

            ports.AddRange(generated);

            bool? headless;
            string reason;
            if (customEntry is not null)
            {
                headless = customSpec?.Get("clusterIP") is { Kind: YamlNodeKind.Scalar } clusterIP && clusterIP.Value == "None";
                reason = "a custom headService is given, and KubeRay does not make it headless";
            }
            else if (!settings.Profile.HeadlessHeadService)
            {
                headless = false;
                reason = "KubeRay " + settings.Profile.Version.Substring(0, settings.Profile.Version.LastIndexOf('.')) + " gives the head Service a cluster IP (headless since 1.2.0)";
            }
            else if (settings.HeadClusterIPService)
            {
                headless = false;
                reason = "RayGenHeadClusterIPService=true (the operator's ENABLE_RAY_HEAD_CLUSTER_IP_SERVICE)";
            }
            else
            {
                YamlNode? type = headGroup.Get("serviceType");
                string value = type is { Kind: YamlNodeKind.Scalar, IsNull: false } ? type.Value : string.Empty;
                if (type is { Kind: YamlNodeKind.Scalar } && IsTemplated(value))
                {
                    headless = null;
                    reason = string.Empty;
                }
                else
                {
                    // BuildServiceForHeadPod: headless only for type "" or ClusterIP.
                    headless = value is "" or "ClusterIP";
                    reason = "serviceType is " + value;
                }
            }

            return new HeadService(ports, portsEntry, customEntry, headless, headless == true ? string.Empty : reason);
        }

        /// <summary>A port number as Kubernetes reads it (an int32 YAML integer), else <c>null</c>.</summary>
        private static long? Number(YamlNode? node) =>
            node is { Kind: YamlNodeKind.Scalar, ScalarType: YamlScalarType.Int } && Yaml11.TryParseInt(node.Value, out long value) && value is > 0 and <= 65535
                ? value
                : null;

        /// <summary>A port name ("" when absent), or <c>null</c> when templated or not a scalar.</summary>
        private static string? Name(YamlNode? node) =>
            node is null || node.IsNull ? string.Empty
            : node.Kind == YamlNodeKind.Scalar && !IsTemplated(node.Value) ? node.Value
            : null;

        private static bool IsTemplated(string value) =>
            value.IndexOf("{{", StringComparison.Ordinal) >= 0 || value.IndexOf('$') >= 0;
    }
}
