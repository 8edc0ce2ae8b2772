using System.Linq;
using RayGen.Analysis;
using RayGen.Shell;
using Xunit;

namespace RayGen.Tests.Analysis
{
    /// <summary>The Ray command classifier (rules.md §0.3, §0.7) on argv words.</summary>
    public class RayCommandsTests
    {
        private static RayCommandInfo Classify(string command)
        {
            string?[] argv = command.Split(' ');
            int i = RayCommands.SkipWrappers(argv, 0, out _, out _);
            return RayCommands.Classify(argv, i);
        }

        [Theory]
        [InlineData("ray status", "ray status", true)]
        [InlineData("ray health-check --address x:6379", "ray health-check", true)]
        [InlineData("ray list actors", "ray list", false)]
        [InlineData("ray summary tasks", "ray summary", false)]
        [InlineData("ray get actors 1", "ray get", false)]
        [InlineData("ray logs cluster", "ray logs", false)]
        [InlineData("ray memory", "ray memory", false)]
        [InlineData("ray timeline", "ray timeline", false)]
        [InlineData("ray job submit --no-wait -- python x.py", "ray job submit", false)]
        [InlineData("ray job status raysubmit_1", "ray job status", false)]
        [InlineData("ray job logs -f x", "ray job logs", false)]
        [InlineData("ray job list", "ray job list", false)]
        [InlineData("ray job stop x", "ray job stop", false)]
        [InlineData("/home/ray/anaconda3/bin/ray status", "ray status", true)]
        [InlineData("timeout 10 ray status", "ray status", true)]
        [InlineData("nohup env A=1 ray job submit -- x", "ray job submit", false)]
        public void ClusterClients(string command, string display, bool isCheck)
        {
            RayCommandInfo info = Classify(command);
            Assert.Equal(RayDependence.ClusterClient, info.Dependence);
            Assert.Equal(display, info.Display);
            Assert.Equal(isCheck, info.IsReadinessCheck);
        }

        [Theory]
        [InlineData("serve start --http-host 0.0.0.0", "serve start")]
        [InlineData("serve run app:x", "serve run")]
        [InlineData("serve deploy config.yaml", "serve deploy")]
        [InlineData("serve status", "serve status")]
        [InlineData("serve config", "serve config")]
        [InlineData("serve shutdown -y", "serve shutdown")]
        [InlineData("serve deploy config.yaml -a http://localhost:8265", "serve deploy")]
        public void LocalNodeUsers(string command, string display)
        {
            RayCommandInfo info = Classify(command);
            Assert.Equal(RayDependence.LocalNode, info.Dependence);
            Assert.Equal(display, info.Display);
        }

        [Fact]
        public void ServeWithARemoteAddressIsAClusterClient()
        {
            Assert.Equal(RayDependence.ClusterClient, Classify("serve deploy c.yaml --address http://head-svc:8265").Dependence);
            Assert.Equal(RayDependence.ClusterClient, Classify("serve status -a http://head-svc:8265").Dependence);
        }

        [Theory]
        [InlineData("ray start --head --block")]
        [InlineData("ray stop")]
        [InlineData("ray --version")]
        [InlineData("ray disable-usage-stats")]
        [InlineData("ray metrics launch-prometheus")]
        [InlineData("pip install ray[serve]")]
        [InlineData("echo ray status")]
        [InlineData("serve build app:x -o c.yaml")]
        [InlineData("ray job")]
        public void NotRayDependent(string command)
        {
            Assert.Equal(RayDependence.None, Classify(command).Dependence);
        }

        [Theory]
        [InlineData("curl -sf http://localhost:8265/api/gcs_healthz")]
        [InlineData("wget -qO- http://127.0.0.1:52365/api/local_raylet_healthz")]
        [InlineData("curl http://head:8265/api/healthz")]
        [InlineData("nc -z localhost 6379")]
        [InlineData("nc -vz head 6379")]
        public void ProbesAreReadinessChecks(string command)
        {
            RayCommandInfo info = Classify(command);
            Assert.True(info.IsReadinessCheck);
            Assert.Equal(RayDependence.None, info.Dependence);
        }

        [Theory]
        [InlineData("curl -sf http://localhost:8265/")]
        [InlineData("nc localhost 6379")]
        public void OtherRequestsAreNot(string command)
        {
            Assert.False(Classify(command).IsReadinessCheck);
        }

        [Fact]
        public void WorkerGuard()
        {
            RayCommandInfo remote = Classify("ray status");
            Assert.True(remote.Counts(isHead: true, initContainerInjection: true));
            Assert.False(remote.Counts(isHead: false, initContainerInjection: true));
            Assert.True(remote.Counts(isHead: false, initContainerInjection: false));
            Assert.True(Classify("ray status --address 127.0.0.1:6379").Counts(isHead: false, initContainerInjection: true));
            Assert.True(Classify("serve run app:x").Counts(isHead: false, initContainerInjection: true));
        }

        [Theory]
        [InlineData("timeout 600 sh -c x", 2, true, false)]
        [InlineData("timeout -s KILL 600 bash -c x", 4, true, false)]
        [InlineData("nohup bash x", 1, false, false)]
        [InlineData("exec python x", 1, false, false)]
        [InlineData("env -u A B=1 python x", 4, false, false)]
        [InlineData("setsid -f serve run x", 2, false, true)]
        [InlineData("sudo -u ray bash x", 3, false, false)]
        [InlineData("nice -n 5 python x", 3, false, false)]
        public void Wrappers(string command, int index, bool timeout, bool detached)
        {
            Assert.Equal(index, RayCommands.SkipWrappers(command.Split(' '), 0, out bool t, out bool d));
            Assert.Equal(timeout, t);
            Assert.Equal(detached, d);
        }

        [Theory]
        [InlineData("sh -c x", 2, true)]
        [InlineData("bash -lc x", 2, true)]
        [InlineData("bash -euxc x", 2, true)]
        [InlineData("bash -c -- x", 3, true)]
        [InlineData("bash -e -o pipefail -c x", 5, true)]
        [InlineData("/bin/sh /x.sh", 1, false)]
        [InlineData("bash --login /x.sh arg", 2, false)]
        public void ShellOperands(string command, int operand, bool inline)
        {
            KnownShell shell = Assert.IsType<KnownShell>(KnownShell.Find(command.Split(' ')));
            Assert.Equal(operand, inline ? shell.ScriptIndex : shell.ScriptFileIndex);
            Assert.Null(inline ? shell.ScriptFileIndex : shell.ScriptIndex);
        }

        [Fact]
        public void KnownShellsAndPython()
        {
            Assert.True(KnownShell.IsShellName("/usr/bin/dash"));
            Assert.False(KnownShell.IsShellName("fish"));
            Assert.Equal(ShellDialect.Posix, KnownShell.DialectOf("/bin/sh"));
            Assert.Equal(ShellDialect.Bash, KnownShell.DialectOf("bash"));
            Assert.True(RayCommands.IsPython("/home/ray/anaconda3/bin/python3.11"));
            Assert.False(RayCommands.IsPython("pythonx"));
            Assert.True(RayCommands.TryGetPythonOperand("python -u -c code".Split(' '), 0, out int code, out bool isCode) && isCode && code == 3);
            Assert.True(RayCommands.TryGetPythonOperand("python3 -W ignore app.py".Split(' '), 0, out int path, out bool isCode2) && !isCode2 && path == 3);
            Assert.False(RayCommands.TryGetPythonOperand("python -m http.server".Split(' '), 0, out _, out _));
            Assert.True(RayCommands.TryGetPythonOperand(new[] { "python", "-" }, 0, out int stdin, out _) && stdin == -1);
        }

        [Fact]
        public void RayStartAndBlock()
        {
            Assert.True(RayCommands.IsRayStart("ray start --head --block".Split(' '), 0, out bool blocking) && blocking);
            Assert.True(RayCommands.IsRayStart("ray start --address=h:6379".Split(' '), 0, out blocking) && !blocking);
            Assert.False(RayCommands.IsRayStart("ray status".Split(' '), 0, out _));
        }

        [Fact]
        public void NonLiteralWordsAreUnknown()
        {
            Assert.Equal(RayDependence.None, RayCommands.Classify(new string?[] { null, "status" }, 0).Dependence);
            Assert.Equal(RayDependence.None, RayCommands.Classify(new string?[] { "ray", null }, 0).Dependence);
            Assert.Equal(0, RayCommands.SkipWrappers(new string?[] { null }, 0, out _, out _));
            Assert.Equal(-1, RayCommands.SkipWrappers(new string?[] { "nohup" }, 0, out _, out _));
        }
    }
}
