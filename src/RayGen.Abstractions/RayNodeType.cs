namespace RayGen
{
    /// <summary>The role of a Ray pod in a cluster.</summary>
    public enum RayNodeType
    {
        /// <summary>The head group (<c>headGroupSpec</c>).</summary>
        Head,

        /// <summary>A worker group (<c>workerGroupSpecs[]</c>).</summary>
        Worker,
    }
}
