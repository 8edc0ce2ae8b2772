using System;
using System.IO;

namespace RayGen.Tests.Infrastructure
{
    /// <summary>Locations in the repository and beside it (../shared), found from the test binaries.</summary>
    internal static class RepoPaths
    {
        public static string Root { get; } = FindRoot();

        public static string Tests => Path.Combine(Root, "tests", "RayGen.Tests");

        public static string Snapshots => Path.Combine(Tests, "Snapshots");

        public static string TestData => Path.Combine(Tests, "TestData");

        public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

        public static string Corpus => Path.Combine(Shared, "corpus", "kuberay-samples");

        public static string Docs => Path.Combine(Root, "docs");

        private static string FindRoot()
        {
            for (string? dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
            {
                if (File.Exists(Path.Combine(dir, "RayGen.sln")))
                {
                    return dir;
                }
            }

            throw new InvalidOperationException("RayGen.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
