using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JointInspection.Web.Infrastructure;

/// <summary>Reads an API request's JSON body, turning every way it can be unreadable into a 400 that says what to send.</summary>
public static class JsonBody
{
    public static async Task<(T? Value, ValidationProblem? Problem)> ReadAsync<T>(HttpRequest request, string what, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var value = await request.ReadFromJsonAsync<T>(cancellationToken);
            return value is null ? (null, Problem($"Send one JSON object with the {what}'s fields.", "The request body was empty")) : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, Problem($"The request body is not valid JSON ({ex.Message}). Send one JSON object with the {what}'s fields."));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status400BadRequest)
        {
            // Kestrel's answer when the body stops short of its Content-Length, usually because the client went away.
            return (null, Problem($"The request body ended before the length it declared. Send the whole {what} again."));
        }
        catch (InvalidOperationException)
        {
            return (null, Problem($"Send the {what} as JSON with Content-Type: application/json."));
        }
    }

    private static ValidationProblem Problem(string message, string title = "The request body could not be read") =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [message] }, title: title);
}
