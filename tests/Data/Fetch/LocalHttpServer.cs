using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace VaeSweep.Tests.Data.Fetch;

/// <summary>
/// A file server on 127.0.0.1 for the fetch tests: serves byte arrays by name, honours "Range: bytes=N-",
/// answers 404 for unknown names, and can drop the connection half way through the first few responses.
/// </summary>
public sealed class LocalHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private int _dropsLeft;

    public LocalHttpServer(IReadOnlyDictionary<string, byte[]> files, int dropFirstResponses = 0)
    {
        Files = files;
        _dropsLeft = dropFirstResponses;
        // Port 0 cannot be given to HttpListener, so borrow a free port from the OS first.
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(BaseUrl.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri BaseUrl { get; }
    public IReadOnlyDictionary<string, byte[]> Files { get; }

    /// <summary>The Range header of each request in arrival order (null when the request had none).</summary>
    public ConcurrentQueue<string?> Ranges { get; } = new();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            try { Serve(context); }
            catch (Exception e) when (e is HttpListenerException or IOException) { /* the client went away */ }
        }
    }

    private void Serve(HttpListenerContext context)
    {
        var response = context.Response;
        string? range = context.Request.Headers["Range"];
        Ranges.Enqueue(range);
        if (!Files.TryGetValue(context.Request.Url!.AbsolutePath.TrimStart('/'), out var data))
        {
            response.StatusCode = 404;
            response.Close();
            return;
        }
        long from = 0;
        if (range is not null && range.StartsWith("bytes=") && range.EndsWith('-'))
        {
            from = long.Parse(range["bytes=".Length..^1]);
            if (from >= data.Length)
            {
                response.StatusCode = 416;
                response.Close();
                return;
            }
            response.StatusCode = 206;
            response.Headers["Content-Range"] = $"bytes {from}-{data.Length - 1}/{data.Length}";
        }
        long length = data.Length - from;
        response.ContentLength64 = length;
        if (Interlocked.Decrement(ref _dropsLeft) >= 0)
        {
            // Send half the promised bytes, then cut the connection: the client sees a premature end.
            response.OutputStream.Write(data, (int)from, (int)(length / 2));
            response.OutputStream.Flush();
            // Abort resets the connection, and a reset discards what the client has not read yet: on a loaded
            // machine that was every byte, and there was nothing to resume (a flaky CI failure). Give the client
            // time to read the half first.
            Thread.Sleep(500);
            response.Abort();
            return;
        }
        response.OutputStream.Write(data, (int)from, (int)length);
        response.Close();
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}

// The downloads' tests count requests and retries exactly; beside the PostgreSQL and worker-process tests on two
// cores, a request now and then failed and was retried (twice in CI, never alone), so they run by themselves.
[CollectionDefinition(nameof(LocalHttpServer), DisableParallelization = true)]
public class LocalHttpServerCollection;
