namespace RayGen.Diagnostics
{
    /// <summary>All RayGen diagnostic IDs (catalog: docs/rules/, spec rules.md).</summary>
    internal static class RuleIds
    {
        public const string TrailingBackground = "RAY0001";
        public const string InvalidFinalArgs = "RAY0002";
        public const string TrailingNewline = "RAY0003";
        public const string CommentSwallowsTail = "RAY0004";
        public const string OpenHereDocument = "RAY0005";
        public const string NonStringRayStartParam = "RAY0030";
        public const string RayContainerPosition = "RAY0060";
        public const string HeadServicePorts = "RAY0061";
        public const string DuplicateWaitGcsReady = "RAY0062";
        public const string LegacyServiceWait = "RAY0063";
        public const string NoGcsWait = "RAY0064";
        public const string NoContainers = "RAY0102";
        public const string Templated = "RAY0190";
        public const string UnparsableYaml = "RAY0191";
        public const string UnexpectedShape = "RAY0191";
        public const string DeprecatedApiVersion = "RAY0192";
        public const string InvalidSetting = "RAY0193";
        public const string NameCollision = "RAY0194";
        public const string InputLimitExceeded = "RAY0195";
        public const string UnknownPodField = "RAY0196";
        public const string PodFactoryOmitsFeature = "RAY0197";
        public const string InternalError = "RAY0199";

        // Group C: rayStartParams (RAY0030 is above).
        public const string UnknownRayStartOption = "RAY0031";
        public const string NonIntegerRayStartParam = "RAY0032";
        public const string RayStartParamSplits = "RAY0033";
        public const string InvalidJsonRayStartParam = "RAY0034";
        public const string BlockForced = "RAY0035";
        public const string BooleanRayStartParam = "RAY0036";
        public const string UndefinedVariableInRayStartParam = "RAY0037";
        public const string RayStartParamNodeType = "RAY0038";
        public const string HardCodedWorkerAddress = "RAY0039";

        // Groups A and B.
        public const string ExecFormResplit = "RAY0006";
        public const string CommandNeverReturns = "RAY0007";
        public const string LoginShellEnvironment = "RAY0009";
        public const string RayStartSubstring = "RAY0020";
        public const string SplitRayStart = "RAY0021";
        public const string RayStartWithoutBlock = "RAY0022";
        public const string OverwriteWithoutCommand = "RAY0023";
        public const string OverwriteNeverStartsRay = "RAY0024";
        public const string NoOpenFilesLimit = "RAY0025";
        public const string UnquotedStartCommand = "RAY0026";
        public const string StartCommandWithoutOverwrite = "RAY0027";
        public const string MalformedOverwriteAnnotation = "RAY0028";
        // Group F and RAY0008: hooks and scripts.
        public const string RayCommandBeforeStart = "RAY0008";
        public const string PostStartWithoutReadiness = "RAY0070";
        public const string UnboundedReadinessLoop = "RAY0071";
        public const string ScriptNotExecutable = "RAY0072";
        public const string ScriptFileMissing = "RAY0073";
        public const string ScriptUnresolved = "RAY0074";
    }
}
