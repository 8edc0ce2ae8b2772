using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Analyzers.Hooks.HookManifests;
using static RayGen.Tests.Infrastructure.Manifests;

namespace RayGen.Tests.Analyzers.FinalArgs
{
    public class CommandNeverReturnsAnalyzerTests
    {
        private const string Id = "RAY0007";

        [Fact]
        public void BadExample()
        {
            var d = Assert.Single(RuleVerifier.Verify(Id, RayCluster("c", Group("args: [\"{|RAY0007:jupyter|} lab --ip=0.0.0.0 --no-browser\"]"))));
            Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
            Assert.Contains("Final args:", d.GetMessage());
        }

        [Theory]
        [InlineData("args: [\"pip install x; {|RAY0007:exit|} 0\"]")]
        [InlineData("args: [\"{|RAY0007:exec|} python app.py\"]")]
        [InlineData("args: [\"{|RAY0007:sleep|} infinity\"]")]
        [InlineData("args: [\"pip install x && {|RAY0007:sleep|} 1d\"]")]
        [InlineData("args: [\"{|RAY0007:sleep|} 86400\"]")]
        [InlineData("args: [\"{|RAY0007:tail|} -f /dev/null\"]")]
        [InlineData("args: [\"{|RAY0007:tail|} -F /tmp/log | grep x\"]")]
        [InlineData("args: [\"{|RAY0007:python|} -m http.server 8080\"]")]
        [InlineData("args: [\"{|RAY0007:uvicorn|} app:app\"]")]
        [InlineData("args: [\"{|RAY0007:until|} ray health-check; do sleep 1; done\"]")]
        [InlineData("args: [\"{|RAY0007:while|} true; do ray status && break; sleep 2; done\"]")]
        [InlineData("args: [\"timeout 600 sh -c '{|RAY0007:until|} ray health-check; do sleep 1; done'\"]")]
        public void TriggersOnTheHead(string container)
        {
            RuleVerifier.Verify(Id, RayCluster("c", Group(container)));
        }

        [Fact]
        public void WorkerLoopOnlyWhenItChecksThisNode()
        {
            RuleVerifier.Verify(Id, RayCluster("c", Group(""), Worker("w", Group("args: [\"{|RAY0007:until|} curl -s localhost:52365/api/local_raylet_healthz; do sleep 1; done\"]"))));
            RuleVerifier.VerifyNone(Id, RayCluster("c", Group(""), Worker("w", Group("args: [\"until ray status; do sleep 1; done\"]"))));
        }

        [Theory]
        [InlineData("args: [\"(jupyter lab --ip=0.0.0.0 --no-browser > /tmp/jupyter.log 2>&1 &)\"]")]
        [InlineData("args: [\"exec > /tmp/log 2>&1\"]")]
        [InlineData("args: [\"test -f x || exit 1\"]")]
        [InlineData("args: [\"if [ -f x ]; then exit 1; fi\"]")]
        [InlineData("args: [\"(exit 1)\"]")]
        [InlineData("args: [\"f() { sleep infinity; }\"]")]
        [InlineData("args: [\"sleep 5\"]")]
        [InlineData("args: [\"ray job submit -- python x.py\"]")]
        [InlineData("args: [\"bash -c 'exit 0'\"]")]
        public void DoesNotTrigger(string container)
        {
            RuleVerifier.VerifyNone(Id, RayCluster("c", Group(container)), allowed: new[] { "RAY0001", "RAY0008" }); // RAY0008: Ray-dependent commands fail fast before ray start
        }

        [Fact]
        public void OverwriteAndSuppressedModesAreLeftToRay0022()
        {
            RuleVerifier.VerifyNone(Id, RayCluster("c", Group("command: [\"/bin/bash\", \"-c\"]\nargs: [\"ulimit -n 65536; ray start --head --block; sleep infinity\"]")));
            RuleVerifier.VerifyNone(Id, RayCluster("c", Group("command: [\"/bin/bash\", \"-c\"]\nargs: [\"ulimit -n 65536; jupyter lab; eval \\\"$KUBERAY_GEN_RAY_START_CMD\\\"\"]"),
                metadataExtra: "annotations:\n  ray.io/overwrite-container-cmd: \"true\"\n"));
        }

        [Fact]
        public void FixedExample()
        {
            RuleVerifier.VerifyNone(Id, RayCluster("c", Group("args: [\"(jupyter lab --ip=0.0.0.0 --no-browser > /tmp/jupyter.log 2>&1 &)\"]")));
        }

        private const string WaitScript = "#!/bin/bash\nuntil ray health-check; do sleep 1; done\necho ready\n";

        private static string ScriptCluster(string command, string script = WaitScript, string? volumeExtra = "defaultMode: 0755") =>
            Head(command + "\n" + SamplesMount, ConfigMapVolume(extra: volumeExtra)) + ConfigMap("ray-example", ("wait.sh", script));

        [Theory]
        [InlineData("args: [\"pip install x && {|RAY0007:/home/ray/samples/wait.sh|}\"]")]
        [InlineData("args: [\"bash {|RAY0007:/home/ray/samples/wait.sh|}\"]")]
        [InlineData("args: [\"source {|RAY0007:/home/ray/samples/wait.sh|}; echo after\"]")]
        [InlineData("command: [\"/bin/bash\", \"-c\"]\nargs: [\"{|RAY0007:/home/ray/samples/wait.sh|}\"]")]
        public void ReadinessLoopInAResolvedForegroundScript(string command)
        {
            string yaml = ScriptCluster(command);
            Diagnostic d = Assert.Single(RuleVerifier.Verify(Id, yaml));
            Assert.Contains("in script '/home/ray/samples/wait.sh', ConfigMap 'ray-example' key 'wait.sh', line 2", d.GetMessage());
            Assert.Equal("until", TextAt(yaml, Assert.Single(d.AdditionalLocations)));
        }

        [Fact]
        public void LoopInAScriptThatAResolvedScriptRuns()
        {
            string yaml = Head("args: [\"{|RAY0007:/home/ray/samples/run.sh|}\"]\n" + SamplesMount, ConfigMapVolume(extra: "defaultMode: 0755"))
                + ConfigMap("ray-example", ("run.sh", "#!/bin/sh\necho start\n/home/ray/samples/wait.sh\n"), ("wait.sh", WaitScript));
            Diagnostic d = Assert.Single(RuleVerifier.Verify(Id, yaml));
            Assert.Contains("in script '/home/ray/samples/wait.sh'", d.GetMessage());
            Assert.Contains("reached from '/home/ray/samples/run.sh'", d.GetMessage());
        }

        [Fact]
        public void ScriptMountedWithSubPath()
        {
            string yaml = Head("args: [\"{|RAY0007:/home/ray/wait-for-ray.sh|}\"]\nvolumeMounts:\n- mountPath: /home/ray/wait-for-ray.sh\n  name: scripts\n  subPath: wait.sh\n", ConfigMapVolume(extra: "defaultMode: 0755"))
                + ConfigMap("ray-example", ("wait.sh", WaitScript));
            RuleVerifier.Verify(Id, yaml);
        }

        [Fact]
        public void ConfigMapInAnotherFile()
        {
            string cluster = Head("args: [\"/home/ray/samples/wait.sh\"]\n" + SamplesMount, ConfigMapVolume(extra: "defaultMode: 0755"));
            string configMap = ConfigMap("ray-example", ("wait.sh", WaitScript)).Substring(4);
            Diagnostic d = Assert.Single(AnalyzeFiles(Id, null, ("/project/ray/cluster.yaml", cluster), ("/project/ray/scripts.yaml", configMap)));
            Assert.Equal("/project/ray/cluster.yaml", d.Location.GetLineSpan().Path);
            Assert.Equal("/home/ray/samples/wait.sh", TextAt(cluster, d.Location));
            Location loop = Assert.Single(d.AdditionalLocations);
            Assert.Equal("/project/ray/scripts.yaml", loop.GetLineSpan().Path);
            Assert.Equal("until", TextAt(configMap, loop));

            // Without the other file the script cannot be read: RAY0074's business.
            Assert.Empty(AnalyzeFiles(Id, null, ("/project/ray/cluster.yaml", cluster)));
        }

        [Theory]
        [InlineData("args: [\"(/home/ray/samples/wait.sh &)\"]", WaitScript)] // in the background
        [InlineData("args: [\"if [ -f /x ]; then /home/ray/samples/wait.sh; fi\"]", WaitScript)] // conditional, like an inline loop there
        [InlineData("args: [\"/home/ray/samples/wait.sh\"]", "#!/bin/bash\necho no loop here\n")]
        [InlineData("args: [\"/home/ray/samples/wait.sh\"]", "#!/bin/bash\nwait_ray() { until ray health-check; do sleep 1; done; }\n")] // defined, never called
        [InlineData("args: [\"/home/ray/samples/wait.sh\"]", "#!/bin/bash\n(until ray health-check; do sleep 1; done; serve deploy /x.yaml) &\n")]
        [InlineData("args: [\"/home/ray/samples/wait.sh\"]", "#!/bin/bash\nsleep infinity\n")] // only readiness loops are read in scripts (rules.md RAY0007)
        [InlineData("args: [\"/home/ray/app/wait.sh\"]", WaitScript)] // an image file: cannot be read (RAY0074)
        [InlineData("args: [\"/home/ray/samples/other.sh\"]", WaitScript)] // not in the ConfigMap (RAY0073)
        public void DoesNotTriggerForScripts(string command, string script)
        {
            RuleVerifier.VerifyNone(Id, ScriptCluster(command, script), allowed: "RAY0073");
        }

        [Fact]
        public void ItemsMapTheKeyToAnotherFileName()
        {
            // items[] puts key wait.sh at /home/ray/samples/ready.sh: the old name does not exist (RAY0073), the new one loops.
            const string items = "defaultMode: 0755\nitems:\n- key: wait.sh\n  path: ready.sh";
            RuleVerifier.VerifyNone(Id, ScriptCluster("args: [\"/home/ray/samples/wait.sh\"]", volumeExtra: items), allowed: "RAY0073");
            RuleVerifier.Verify(Id, ScriptCluster("args: [\"{|RAY0007:/home/ray/samples/ready.sh|}\"]", volumeExtra: items));
        }

        [Fact]
        public void WorkerScriptLoopOnlyWhenItChecksThisNode()
        {
            string worker(string path, string script) => WorkerCluster("args: [\"" + path + "\"]\n" + SamplesMount, ConfigMapVolume(extra: "defaultMode: 0755"))
                + ConfigMap("ray-example", ("wait.sh", script));

            // A worker's RAY_ADDRESS is the head: waiting for it is fine; waiting for this worker's own raylet is not.
            RuleVerifier.VerifyNone(Id, worker("/home/ray/samples/wait.sh", WaitScript));
            RuleVerifier.Verify(Id, worker("{|RAY0007:/home/ray/samples/wait.sh|}", "until curl -sf localhost:52365/api/local_raylet_healthz; do sleep 1; done\n"));
        }

        // Readiness loops are the shared ones of rules.md §0.7 (LoopAnalysis for shell, PythonScanner for Python).

        [Theory]
        [InlineData("args: [\"ready() { ray health-check; }; {|RAY0007:until|} ready; do sleep 1; done\"]")] // the check is in a function the loop calls
        [InlineData("args: [\"wait_ray() { {|RAY0007:until|} ray health-check; do sleep 1; done; }; pip install x; wait_ray\"]")] // the loop is in a function called in the foreground
        [InlineData("args: [\"{|RAY0007:until|} bash -c 'ray health-check'; do sleep 1; done\"]")] // the check is in a known shell's -c script
        [InlineData("args: [\"bash -c '{|RAY0007:while|} true; do ray status && break; sleep 2; done'\"]")] // the loop is in a known shell's -c script
        [InlineData("args: [\"{|RAY0007:until|} curl -sf \\\"http://${HOSTNAME}:8265/api/gcs_healthz\\\"; do sleep 2; done\"]")] // the host is a variable
        [InlineData("args: [\"{|RAY0007:until|} nc -z $HOSTNAME 6379; do sleep 1; done\"]")]
        [InlineData("args: [\"{|RAY0007:until|} ray health-check --address $RAY_ADDRESS; do sleep 1; done\"]")]
        [InlineData("args: [\"{|RAY0007:until|} serve deploy /home/ray/serve.yaml; do sleep 2; done\"]")] // retried until it works: a readiness loop (RAY0008 stays silent)
        public void SharedReadinessLoopsOnTheHead(string container)
        {
            RuleVerifier.Verify(Id, RayCluster("c", Group(container)));
        }

        [Theory]
        [InlineData("args: [\"wait_ray() { until ray health-check; do sleep 1; done; }; echo defined\"]")] // never called
        [InlineData("args: [\"wait_ray() { until ray health-check; do sleep 1; done; }; (wait_ray &)\"]")] // called in the background
        [InlineData("args: [\"wait_ray() { until ray health-check; do sleep 1; done; }; if [ -f /x ]; then wait_ray; fi\"]")] // called conditionally
        [InlineData("args: [\"wait_ray() { if true; then until ray health-check; do sleep 1; done; fi; }; wait_ray\"]")] // conditional inside the function
        [InlineData("args: [\"(until bash -c 'ray health-check'; do sleep 1; done; serve deploy /x.yaml) &\\necho go\"]")]
        public void SharedReadinessLoopsThatDoNotRunInTheForeground(string container)
        {
            RuleVerifier.VerifyNone(Id, RayCluster("c", Group(container)), allowed: "RAY0037");
        }

        [Theory]
        [InlineData("args: [\"{|RAY0007:until|} curl -sf http://127.0.0.1:52365/api/local_raylet_healthz; do sleep 1; done\"]")]
        [InlineData("args: [\"{|RAY0007:until|} ray health-check --address 127.0.0.1:6379; do sleep 1; done\"]")]
        [InlineData("args: [\"{|RAY0007:until|} nc -z localhost 6379; do sleep 1; done\"]")]
        [InlineData("args: [\"{|RAY0007:until|} bash -c 'curl -sf localhost:52365/api/local_raylet_healthz'; do sleep 1; done\"]")]
        [InlineData("args: [\"local_ready() { curl -sf localhost:52365/api/local_raylet_healthz; }; {|RAY0007:until|} local_ready; do sleep 1; done\"]")]
        public void WorkerLoopThatChecksItsOwnNode(string container)
        {
            RuleVerifier.Verify(Id, RayCluster("c", Group(""), Worker("w", Group(container))));
        }

        [Theory]
        [InlineData("args: [\"until curl -sf http://$RAY_IP:8265/api/gcs_healthz; do sleep 1; done\"]")]
        [InlineData("args: [\"until curl -sf http://raycluster-head-svc:8265/api/gcs_healthz; do sleep 1; done\"]")]
        [InlineData("args: [\"until ray health-check --address $FQ_RAY_IP:6379; do sleep 1; done\"]")]
        [InlineData("args: [\"until nc -z $FQ_RAY_IP 6379; do sleep 1; done\"]")]
        [InlineData("args: [\"until bash -c 'ray status'; do sleep 1; done\"]")] // RAY_ADDRESS: the head
        [InlineData("args: [\"until ray job submit --no-wait -- python x.py; do sleep 5; done\"]")]
        public void WorkerLoopThatChecksTheHead(string container)
        {
            RuleVerifier.VerifyNone(Id, RayCluster("c", Group(""), Worker("w", Group(container))));
        }

        /// <summary>A Python retry loop (rules.md §0.7) around <paramref name="call"/>, as YAML double-quoted text (<c>\n</c> escapes), with <paramref name="keyword"/> as the loop keyword.</summary>
        private static string PythonRetry(string call, string keyword = "while") =>
            "import ray, time\\n" + keyword + " True:\\n    try:\\n        " + call + "\\n        break\\n    except Exception:\\n        time.sleep(1)";

        [Theory]
        [InlineData("args: [\"python -c '{0}'\"]", "ray.init()")]
        [InlineData("args: [\"pip install x && python3 -c '{0}' && echo ready\"]", "ray.init()")]
        [InlineData("args: [\"python -c '{0}'\"]", "urllib.request.urlopen(\\\"http://raycluster-head-svc:8265/api/gcs_healthz\\\")")] // any check on the head
        [InlineData("args: [\"timeout 600 python -c '{0}'\"]", "ray.init(address=\\\"auto\\\")")] // bounded: it wastes its bound
        [InlineData("args: [\"bash -c \\\"python -c '{0}'\\\"\"]", "ray.init()")]
        public void PythonLoopOnTheHead(string container, string call)
        {
            string yaml = RayCluster("c", Group(container.Replace("{0}", PythonRetry(call, "{|RAY0007:while|}"))));
            Diagnostic d = Assert.Single(RuleVerifier.Verify(Id, yaml));
            Assert.Contains("this loop waits for Ray on this node", d.GetMessage());
        }

        [Fact]
        public void PythonForLoopAndFunctionsOnTheHead()
        {
            string forLoop = "import ray, time\\n{|RAY0007:for|} _ in range(60):\\n    try:\\n        ray.init()\\n        break\\n    except Exception:\\n        time.sleep(1)";
            RuleVerifier.Verify(Id, RayCluster("c", Group("args: [\"python -c '" + forLoop + "'\"]")));

            string function = "import ray, time\\ndef wait():\\n    {0} True:\\n        try:\\n            ray.init()\\n            break\\n        except Exception:\\n            time.sleep(1)";
            RuleVerifier.Verify(Id, RayCluster("c", Group("args: [\"python -c '" + function.Replace("{0}", "{|RAY0007:while|}") + "\\nwait()'\"]")));
            RuleVerifier.VerifyNone(Id, RayCluster("c", Group("args: [\"python -c '" + function.Replace("{0}", "while") + "'\"]")), allowed: "RAY0008"); // never called
        }

        [Theory]
        [InlineData("args: [\"(python -c '{0}' &)\"]")] // background job
        [InlineData("args: [\"python -c '{0}' &\\necho started\"]")]
        [InlineData("args: [\"if [ -f /x ]; then python -c '{0}'; fi\"]")] // conditional
        [InlineData("args: [\"wait_ray() { python -c '{0}'; }\"]")] // a function that is never called
        [InlineData("args: [\"python -c 'import ray; print(ray.__version__)'\"]")] // no loop
        public void PythonLoopThatDoesNotRunInTheForeground(string container)
        {
            string yaml = RayCluster("c", Group(container.Replace("{0}", PythonRetry("ray.init()"))));
            RuleVerifier.VerifyNone(Id, yaml, allowed: new[] { "RAY0001", "RAY0008" });
        }

        [Theory]
        [InlineData("ray.init()")] // RAY_ADDRESS is the head on a worker
        [InlineData("ray.init(address=\\\"auto\\\")")]
        [InlineData("ray.init(address=\\\"ray://raycluster-head-svc:10001\\\")")]
        [InlineData("urllib.request.urlopen(\\\"http://raycluster-head-svc:8265/api/gcs_healthz\\\")")]
        public void PythonLoopOnAWorkerThatTargetsTheHead(string call)
        {
            RuleVerifier.VerifyNone(Id, RayCluster("c", Group(""), Worker("w", Group("args: [\"python -c '" + PythonRetry(call) + "'\"]"))));
        }

        [Theory]
        [InlineData("ray.init(address=\\\"127.0.0.1:6379\\\")")]
        [InlineData("urllib.request.urlopen(\\\"http://localhost:52365/api/local_raylet_healthz\\\")")]
        public void PythonLoopOnAWorkerThatChecksItsOwnNode(string call)
        {
            RuleVerifier.Verify(Id, RayCluster("c", Group(""), Worker("w", Group("args: [\"python -c '" + PythonRetry(call, "{|RAY0007:while|}") + "'\"]"))));
        }

        [Fact]
        public void PythonLoopInABlockScalarPointsAtTheScalar()
        {
            // rules.md §0.4: no sub-span inside a block scalar.
            string code = "import ray, time\n  while True:\n    try:\n      ray.init()\n      break\n    except Exception:\n      time.sleep(1)";
            string yaml = RayCluster("c", Group("args:\n- {|RAY0007:|-\n  python - <<'EOF'\n  " + code + "\n  EOF\n  echo ready|}\n"));
            RuleVerifier.Verify(Id, yaml);
        }

        private const string PythonWaitScript = "import ray, time\nwhile True:\n    try:\n        ray.init()\n        break\n    except Exception:\n        time.sleep(1)\nprint(ray.cluster_resources())\n";

        private static string PythonScriptCluster(string command, string key, string script) =>
            Head(command + "\n" + SamplesMount, ConfigMapVolume(extra: "defaultMode: 0755")) + ConfigMap("ray-example", (key, script));

        [Theory]
        [InlineData("args: [\"python {|RAY0007:/home/ray/samples/wait.py|}\"]", "wait.py", PythonWaitScript, 2)]
        [InlineData("args: [\"pip install x; python3 -u {|RAY0007:/home/ray/samples/wait.py|} && echo ready\"]", "wait.py", PythonWaitScript, 2)]
        [InlineData("args: [\"{|RAY0007:/home/ray/samples/wait.py|}\"]", "wait.py", "#!/usr/bin/env python3\n" + PythonWaitScript, 3)] // run directly: the shebang says Python
        [InlineData("args: [\"{|RAY0007:/home/ray/samples/wait.sh|}\"]", "wait.sh", "#!/bin/bash\npython3 - <<'EOF'\n" + PythonWaitScript + "EOF\necho ready\n", 4)] // a here-document in a resolved shell script
        public void PythonLoopInAResolvedScript(string command, string key, string script, int line)
        {
            string yaml = PythonScriptCluster(command, key, script);
            Diagnostic d = Assert.Single(RuleVerifier.Verify(Id, yaml));
            Assert.Contains("in script '/home/ray/samples/" + key + "', ConfigMap 'ray-example' key '" + key + "', line " + line, d.GetMessage());
            Assert.Equal("while", TextAt(yaml, Assert.Single(d.AdditionalLocations)));
        }

        [Fact]
        public void PythonScriptReachedFromAResolvedShellScript()
        {
            string yaml = Head("args: [\"{|RAY0007:/home/ray/samples/run.sh|}\"]\n" + SamplesMount, ConfigMapVolume(extra: "defaultMode: 0755"))
                + ConfigMap("ray-example", ("run.sh", "#!/bin/sh\necho start\npython /home/ray/samples/wait.py\n"), ("wait.py", PythonWaitScript));
            Diagnostic d = Assert.Single(RuleVerifier.Verify(Id, yaml));
            Assert.Contains("in script '/home/ray/samples/wait.py'", d.GetMessage());
            Assert.Contains("reached from '/home/ray/samples/run.sh'", d.GetMessage());
            Assert.Equal("while", TextAt(yaml, Assert.Single(d.AdditionalLocations)));
        }

        [Theory]
        [InlineData("args: [\"(python /home/ray/samples/wait.py &)\"]")] // background job
        [InlineData("args: [\"if [ -f /x ]; then python /home/ray/samples/wait.py; fi\"]")]
        [InlineData("args: [\"python /home/ray/app/wait.py\"]")] // an image file: cannot be read
        public void PythonScriptThatDoesNotCount(string command)
        {
            RuleVerifier.VerifyNone(Id, PythonScriptCluster(command, "wait.py", PythonWaitScript));
        }

        [Fact]
        public void PythonScriptOnAWorker()
        {
            string worker(string path, string script) => WorkerCluster("args: [\"python " + path + "\"]\n" + SamplesMount, ConfigMapVolume(extra: "defaultMode: 0755"))
                + ConfigMap("ray-example", ("wait.py", script));
            RuleVerifier.VerifyNone(Id, worker("/home/ray/samples/wait.py", PythonWaitScript));
            RuleVerifier.Verify(Id, worker("{|RAY0007:/home/ray/samples/wait.py|}", PythonWaitScript.Replace("ray.init()", "ray.init(address='127.0.0.1:6379')")));
        }

        [SkippableFact]
        public void ExecWithACommandReplacesTheShellButRedirectionsOnlyDoNot()
        {
            Skip.IfNot(Processes.HasBash);
            var replaced = Processes.Run("/bin/bash", new[] { "-c", "--", " exec echo x  && echo after" });
            Assert.Equal("x\n", replaced.StdOut);
            var kept = Processes.Run("/bin/bash", new[] { "-c", "--", " exec 2>/dev/null  && echo after" });
            Assert.Equal("after\n", kept.StdOut);
        }
    }
}
