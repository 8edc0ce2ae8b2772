using System.Linq;
using RayGen.Analysis;
using Xunit;

namespace RayGen.Tests.Analysis
{
    public class PythonScannerTests
    {
        [Theory]
        [InlineData("import ray; ray.init(); print(ray.cluster_resources())", "ray.init")]
        [InlineData("from ray import serve\nserve.run(app)", "serve.run")]
        [InlineData("from ray.job_submission import JobSubmissionClient\nc = JobSubmissionClient('http://127.0.0.1:8265')", "JobSubmissionClient")]
        [InlineData("ray.init (address='auto')", "ray.init")]
        public void FindsRayCalls(string code, string name)
        {
            PythonRayCall call = Assert.Single(PythonScanner.Scan(code).Calls);
            Assert.Equal(name, call.Name);
            Assert.Equal(name, code.Substring(call.Offset, name.Length));
        }

        [Theory]
        [InlineData("import ray; print(ray.__version__)")]
        [InlineData("# ray.init()\nprint('ray.init() is not called')")]
        [InlineData("x = my_ray.init_something")]
        public void IgnoresMentions(string code)
        {
            Assert.Empty(PythonScanner.Scan(code).Calls);
        }

        [Fact]
        public void RetryLoopIsAReadinessLoop()
        {
            const string code = "import ray, time\nwhile True:\n    try:\n        ray.init()\n        break\n    except ConnectionError:\n        time.sleep(1)\nprint(ray.cluster_resources())\nray.init()\n";
            PythonScan scan = PythonScanner.Scan(code);
            PythonReadinessLoop loop = Assert.Single(scan.Loops);
            Assert.Equal("while", loop.Keyword);
            Assert.False(loop.Bounded);
            Assert.Equal(2, scan.Calls.Count);
            Assert.True(loop.Contains(scan.Calls[0].Offset));
            Assert.False(loop.Contains(scan.Calls[1].Offset));
        }

        [Theory]
        [InlineData("for _ in range(60):\n    try:\n        ray.init()\n        break\n    except Exception:\n        time.sleep(1)\n")]
        [InlineData("n = 0\nwhile n < 60:\n    try:\n        ray.init()\n        break\n    except Exception:\n        n += 1\n")]
        [InlineData("start = time.time()\nwhile True:\n    if time.time() - start > 600:\n        raise TimeoutError()\n    try:\n        ray.init()\n        break\n    except Exception:\n        pass\n")]
        public void BoundedLoops(string code)
        {
            Assert.True(Assert.Single(PythonScanner.Scan(code).Loops).Bounded);
        }

        [Fact]
        public void HealthProbeLoop()
        {
            const string code = "import urllib.request, time\nwhile True:\n    try:\n        urllib.request.urlopen('http://localhost:8265/api/gcs_healthz')\n        break\n    except Exception:\n        time.sleep(1)\n";
            PythonScan scan = PythonScanner.Scan(code);
            Assert.True(scan.HasHealthProbe);
            Assert.Single(scan.Loops);
        }

        private const string Retry = "import ray, time\nwhile True:\n    try:\n        {0}\n        break\n    except Exception:\n        time.sleep(1)\n";

        [Theory]
        [InlineData("ray.init()", "RayAddress")]
        [InlineData("ray.init(address='auto')", "RayAddress")] // 'auto' takes RAY_ADDRESS when it is set (KubeRay sets it)
        [InlineData("ray.init(namespace='x')", "RayAddress")]
        [InlineData("ray.init('ray://raycluster-head-svc:10001')", "Remote")]
        [InlineData("ray.init(namespace='x', address=\"head-svc:6379\")", "Remote")]
        [InlineData("ray.init(address='127.0.0.1:6379')", "Local")]
        [InlineData("ray.init(\n            address='localhost:6379',\n        )", "Local")]
        [InlineData("ray.init(address=os.environ['HEAD'])", "Unknown")]
        [InlineData("ray.init(address=f'ray://{head}:10001')", "Unknown")]
        [InlineData("ray.init(address=os.environ['RAY_ADDRESS'])", "RayAddress")]
        [InlineData("serve.run(app)", "RayAddress")]
        [InlineData("JobSubmissionClient('http://127.0.0.1:8265')", "Local")]
        [InlineData("JobSubmissionClient()", "RayAddress")]
        [InlineData("urllib.request.urlopen('http://localhost:52365/api/local_raylet_healthz')", "Local")]
        [InlineData("urllib.request.urlopen('http://raycluster-head-svc:8265/api/gcs_healthz')", "Remote")]
        [InlineData("requests.get(f'http://{host}:8265/api/gcs_healthz')", "Unknown")]
        public void LoopTargets(string check, string expected)
        {
            string code = string.Format(System.Globalization.CultureInfo.InvariantCulture, Retry, check);
            PythonScan scan = PythonScanner.Scan(code);
            Assert.Equal(System.Enum.Parse<CheckTarget>(expected), Assert.Single(scan.Loops).Targets);
            Assert.Equal(System.Enum.Parse<CheckTarget>(expected), scan.Targets);
        }

        [Fact]
        public void TargetsOfTheWholeCode()
        {
            Assert.Equal(CheckTarget.None, PythonScanner.Scan("import ray; print(ray.__version__)").Targets);
            Assert.Equal(CheckTarget.RayAddress | CheckTarget.Local, PythonScanner.Scan("import ray\nray.init()\nray.init('localhost:6379')").Targets);
        }

        [Fact]
        public void LoopInAFunctionRunsOnlyWhenTheFunctionIsCalled()
        {
            const string function = "import ray, time\ndef wait_for_ray():\n    while True:\n        try:\n            ray.init()\n            break\n        except Exception:\n            time.sleep(1)\n";
            Assert.True(Assert.Single(PythonScanner.Scan(function).Loops).InUncalledFunction);
            Assert.True(Assert.Single(PythonScanner.Scan(function + "\n# wait_for_ray()\nprint('wait_for_ray()')\n").Loops).InUncalledFunction);
            Assert.False(Assert.Single(PythonScanner.Scan(function + "\nwait_for_ray()\n").Loops).InUncalledFunction);
            Assert.False(Assert.Single(PythonScanner.Scan(function + "\nif __name__ == '__main__':\n    wait_for_ray ()\n").Loops).InUncalledFunction);
            Assert.False(Assert.Single(PythonScanner.Scan(string.Format(System.Globalization.CultureInfo.InvariantCulture, Retry, "ray.init()")).Loops).InUncalledFunction);
        }

        [Fact]
        public void LoopsThatDoNotWaitForRayAreIgnored()
        {
            Assert.Empty(PythonScanner.Scan("for i in range(3):\n    print(i)\nray.init()\n").Loops);
            Assert.Empty(PythonScanner.Scan("while True:\n    ray.init()\n").Loops); // no try: a crash, not a retry
        }
    }
}
