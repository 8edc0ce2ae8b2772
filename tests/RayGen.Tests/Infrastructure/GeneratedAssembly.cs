using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;

namespace RayGen.Tests.Infrastructure
{
    /// <summary>Emits a generated compilation and loads it, so tests call the generated API for real.</summary>
    internal static class GeneratedAssembly
    {
        public static IReadOnlyList<RayClusterInfo> LoadCatalog(Compilation compilation, string codeNamespace = "RayGen.Generated")
        {
            Assembly assembly = Load(compilation);
            Type catalog = assembly.GetType(codeNamespace + ".RayClusters", throwOnError: true)!;
            return (IReadOnlyList<RayClusterInfo>)catalog.GetProperty("All")!.GetValue(null)!;
        }

        public static Assembly Load(Compilation compilation)
        {
            using var stream = new MemoryStream();
            EmitResult result = compilation.Emit(stream);
            if (!result.Success)
            {
                throw new InvalidOperationException("Generated code does not compile:\n" + string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
            }

            stream.Position = 0;
            // Collectible, so many tests can load many assemblies; RayGen.Abstractions resolves to the
            // test's own copy through the default context.
            return new AssemblyLoadContext("generated", isCollectible: true).LoadFromStream(stream);
        }
    }
}
