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

        [Fact]
        public void LoopsThatDoNotWaitForRayAreIgnored()
        {
            Assert.Empty(PythonScanner.Scan("for i in range(3):\n    print(i)\nray.init()\n").Loops);
            Assert.Empty(PythonScanner.Scan("while True:\n    ray.init()\n").Loops); // no try: a crash, not a retry
        }
    }
}
