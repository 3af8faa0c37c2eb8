using Microsoft.AspNetCore.Http;

namespace Mail.WebAdmin.ClientSetup;

/// <summary>The outcome of checking a client's address: the address, or the HTTP status and reason that refuse it
/// (each format words the refusal its own way).</summary>
internal sealed record SetupAddressCheck(SetupAddress? Address, int Status, string Problem)
{
    public static SetupAddressCheck Accepted(SetupAddress address) => new(address, StatusCodes.Status200OK, string.Empty);

    public static SetupAddressCheck Malformed(string problem) => new(null, StatusCodes.Status400BadRequest, problem);

    public static SetupAddressCheck NotHosted(string domain) => new(null, StatusCodes.Status404NotFound, $"{domain} is not hosted here");

    /// <summary>The refusal as plain text.</summary>
    public IResult AsText() => Results.Text(Problem, statusCode: Status);
}
