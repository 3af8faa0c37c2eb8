using Microsoft.AspNetCore.Http;

namespace Mail.WebAdmin.ClientSetup;

/// <summary>The outcome of checking a client's address: the address, or the answer that refuses it.</summary>
internal sealed record SetupAddressCheck(SetupAddress? Address, IResult? Refusal)
{
    public static SetupAddressCheck Accepted(SetupAddress address) => new(address, null);

    public static SetupAddressCheck Refused(IResult refusal) => new(null, refusal);
}
