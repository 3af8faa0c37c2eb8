namespace Mail.WebAdmin.Localization;

/// <summary>Names the resource files of the dashboard, domain, group, queue and import pages: OperationsResource.resx
/// (English) and OperationsResource.vi.resx (Vietnamese, the default). Pages reach it as <c>O</c>.</summary>
public sealed class OperationsResource
{
    private OperationsResource()
    {
    }
}
