using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using RayGen.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace RayGen.Tests.Package
{
    /// <summary>
    /// Packs the solution and uses the package like a user: `dotnet add package` into a fresh console
    /// project with YAML AdditionalFiles, build, run. Private folders and package cache, so nothing
    /// stale is served and the test's own outputs are untouched.
    /// </summary>
    public class PackageTests
    {
        private readonly ITestOutputHelper _output;

        public PackageTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void PackedPackageWorksInAFreshProject()
        {
            string root = Directory.CreateTempSubdirectory("raygen-package").FullName;
            try
            {
                string feed = Path.Combine(root, "feed");
                var quiet = new Dictionary<string, string>
                {
                    ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                    ["DOTNET_NOLOGO"] = "1",
                    ["MSBUILDDISABLENODEREUSE"] = "1",
                };

                // Pack a copy of the sources, so this test never touches the repository's bin/obj.
                string source = Path.Combine(root, "src");
                CopySources(RepoPaths.Root, source);
                Dotnet(quiet, source, "pack", "RayGen.sln", "-c", "Release", "-o", feed, "--disable-build-servers");

                // The consumer gets a private package cache, so a repacked 0.1.0 is never served stale.
                var env = new Dictionary<string, string>(quiet) { ["NUGET_PACKAGES"] = Path.Combine(root, "packages") };

                string[] packages = Directory.GetFiles(feed, "*.nupkg").Select(Path.GetFileName).ToArray()!;
                Assert.Equal(new[] { "RayGen.0.1.0.nupkg" }, packages);
                using (ZipArchive zip = ZipFile.OpenRead(Path.Combine(feed, packages[0])))
                {
                    string[] entries = zip.Entries.Select(e => e.FullName).ToArray();
                    Assert.Contains("analyzers/dotnet/cs/RayGen.dll", entries);
                    Assert.Contains("analyzers/dotnet/cs/YamlDotNet.dll", entries);
                    Assert.Contains("analyzers/dotnet/cs/RayGen.CodeFixes.dll", entries);
                    Assert.Contains("lib/netstandard2.0/RayGen.Abstractions.dll", entries);
                    Assert.Contains("buildTransitive/RayGen.props", entries);
                    string nuspec = new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open()).ReadToEnd();
                    Assert.DoesNotContain("developmentDependency", nuspec);
                    Assert.DoesNotContain("<dependency ", nuspec);
                }

                string app = Path.Combine(root, "app");
                Directory.CreateDirectory(Path.Combine(app, "ray"));
                // KubernetesClient comes from the machine's package folder (the test project restored it), no network.
                string machinePackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                    ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
                File.WriteAllText(Path.Combine(app, "nuget.config"),
                    $"<configuration><packageSources><clear /><add key=\"local\" value=\"{feed}\" /></packageSources>" +
                    $"<fallbackPackageFolders><add key=\"machine\" value=\"{machinePackages}\" /></fallbackPackageFolders></configuration>");
                File.WriteAllText(Path.Combine(app, "App.csproj"),
                    "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework>" +
                    "<Nullable>enable</Nullable><TreatWarningsAsErrors>true</TreatWarningsAsErrors>" +
                    // The machine folder may hold a newer YamlDotNet than KubernetesClient's minimum (NU1603).
                    "<WarningsNotAsErrors>NU1603</WarningsNotAsErrors></PropertyGroup>" +
                    "<ItemGroup><AdditionalFiles Include=\"ray/*.yaml\" /><PackageReference Include=\"KubernetesClient\" Version=\"21.0.8\" /></ItemGroup></Project>");
                File.Copy(Path.Combine(RepoPaths.Root, "samples", "RayGen.Sample", "manifests", "ray-cluster.head-command.yaml"), Path.Combine(app, "ray", "head.yaml"));
                File.WriteAllText(Path.Combine(app, "Program.cs"),
                    "foreach (var c in RayGen.Generated.RayClusters.All) System.Console.WriteLine(c.Name + \"|\" + c.KubeRayVersion + \"|\" + c.Head.GetArgs()[0]);\n" +
                    "var pod = RayGen.Generated.RayClusters.RayclusterHeadCommand.CreateHeadPod(@namespace: \"ns\");\n" +
                    "System.Console.WriteLine(\"pod|\" + pod.Metadata.GenerateName + \"|\" + pod.Spec.Volumes[0].ConfigMap.DefaultMode);\n");

                Dotnet(env, app, "add", "package", "RayGen", "--version", "0.1.0");
                string output = Dotnet(env, app, "run", "--disable-build-servers");
                Assert.Contains(
                    "raycluster-head-command|1.7.0| echo 123  456  && ulimit -n ${RAY_START_ULIMIT_OPEN_FILES:-65536}; ray start --head  --block",
                    output);
                Assert.Contains("pod|raycluster-head-command-head-|511", output);
            }
            finally
            {
                Directory.Delete(root, recursive: true);
            }
        }

        private static void CopySources(string from, string to)
        {
            foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            {
                string relative = Path.GetRelativePath(from, file);
                string[] parts = relative.Split(Path.DirectorySeparatorChar);
                if (parts.Any(p => p is "bin" or "obj" or ".git" or "TestResults" or "BenchmarkDotNet.Artifacts"))
                {
                    continue;
                }

                string target = Path.Combine(to, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }

        private string Dotnet(IDictionary<string, string> env, string workingDirectory, params string[] arguments)
        {
            var result = Processes.Run("dotnet", arguments, workingDirectory, env);
            _output.WriteLine($"dotnet {string.Join(" ", arguments)} -> {result.ExitCode}\n{result.StdOut}\n{result.StdErr}");
            Assert.True(result.ExitCode == 0, $"dotnet {string.Join(" ", arguments)} failed:\n{result.StdOut}\n{result.StdErr}");
            return result.StdOut;
        }
    }
}
