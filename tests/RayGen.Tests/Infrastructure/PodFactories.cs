using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.Json.Nodes;
using RayGen.Tests.Pods;

namespace RayGen.Tests.Infrastructure
{
    /// <summary>Finds and calls the generated pod factories of a loaded assembly.</summary>
    internal static class PodFactories
    {
        public static IReadOnlyList<RayClusterInfo> Catalog(Assembly assembly) =>
            (IReadOnlyList<RayClusterInfo>)assembly.GetType("RayGen.Generated.RayClusters", throwOnError: true)!.GetProperty("All")!.GetValue(null)!;

        /// <summary>The generated class whose <c>Info</c> is <paramref name="cluster"/>.</summary>
        public static Type ClusterClass(Assembly assembly, RayClusterInfo cluster) =>
            assembly.GetTypes().Single(t => t.GetProperty("Info", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) == cluster);

        /// <summary><c>Head</c>, or the member name of worker group <paramref name="workerIndex"/>.</summary>
        public static string Member(Type clusterClass, RayClusterInfo cluster, int workerIndex) =>
            workerIndex < 0
                ? "Head"
                : clusterClass.GetProperties(BindingFlags.Public | BindingFlags.Static)
                    .Single(p => p.PropertyType == typeof(RayGroupInfo) && p.Name != "Head" && p.GetValue(null) == cluster.WorkerGroups[workerIndex]).Name;

        /// <summary>Calls a factory, passing each parameter it has from <paramref name="deploy"/> (or none at all).</summary>
        public static object Call(Type clusterClass, string method, DeployValues? deploy)
        {
            MethodInfo factory = clusterClass.GetMethod(method, BindingFlags.Public | BindingFlags.Static)
                ?? throw new InvalidOperationException($"{clusterClass.Name}.{method} was not generated");
            object?[] arguments = factory.GetParameters().Select(p => deploy is null ? (p.HasDefaultValue ? p.DefaultValue : null) : p.Name switch
            {
                "clusterName" => deploy.ClusterName,
                "namespace" => deploy.Namespace,
                "clusterUid" => deploy.ClusterUid,
                "replicaName" => deploy.ReplicaName,
                "replicaIndex" => deploy.ReplicaIndex,
                "hostIndex" => deploy.HostIndex,
                _ => throw new InvalidOperationException("unexpected parameter " + p.Name),
            }).ToArray();
            try
            {
                return factory.Invoke(null, arguments)!;
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                throw ex.InnerException;
            }
        }

        public static JsonNode Json(object kubernetesObject) => JsonNode.Parse(k8s.KubernetesJson.Serialize(kubernetesObject))!;
    }
}
