using System;
using RayGen;
using RayGen.Generated;

// The generated code still works: RayGen reports the mistakes at build time and keeps going.
foreach (RayClusterInfo cluster in RayClusters.All)
{
    Console.WriteLine($"{cluster.Name}: head args = {cluster.Head.GetArgs()[0]}");
}
