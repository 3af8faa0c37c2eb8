namespace Mail.WebAdmin.Localization;

/// <summary>Names the resource files every page's text comes from: SharedResource.resx (English) and
/// SharedResource.vi.resx (Vietnamese, the default).</summary>
public sealed class SharedResource
{
    private SharedResource()
    {
    }
}
