import NIOSSL

/// A self-signed certificate for `localhost` / 127.0.0.1 (P-256, valid for 100 years), made with
/// `openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -days 36500 -nodes
/// -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1`, for the TLS test pool.
enum TestTLSCertificate {
    static let certificatePEM = """
-----BEGIN CERTIFICATE-----
MIIBmzCCAUGgAwIBAgIUHUI2IvhKsU7k1bFjgBMBtEJQC7kwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTEyNTIyNTQ1NFoYDzIxMjYxMTAx
MjI1NDU0WjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAASD706KJqn4PE9lqZ3bbSK77l0BNEwn5xHzvXJMA6SSIh6a0WvzJAX6
4PvgZZsOLaiIVnunjY0t+pXdWowwrgxlo28wbTAdBgNVHQ4EFgQUjVZ9zj74PTeT
UkOQ1bvoF4eeme0wHwYDVR0jBBgwFoAUjVZ9zj74PTeTUkOQ1bvoF4eeme0wDwYD
VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARgglsb2NhbGhvc3SHBH8AAAEwCgYIKoZI
zj0EAwIDSAAwRQIhAKXjU9Jco46RaplY4paXGIiHGF4iImU8MHUeonvlSQzFAiBB
B21j+/O5vLdF/boYZuETEZQhQ42eltSxDa4LlMQP8A==
-----END CERTIFICATE-----
"""

    static let privateKeyPEM = """
-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgy2kLYjqZz5dugE7+
pWiwKZ0rQKRjwCsf2ZdCVhj/d1KhRANCAASD706KJqn4PE9lqZ3bbSK77l0BNEwn
5xHzvXJMA6SSIh6a0WvzJAX64PvgZZsOLaiIVnunjY0t+pXdWowwrgxl
-----END PRIVATE KEY-----
"""

    /// `openssl x509 -noout -fingerprint -sha256` of the certificate, as a pool URL pins it.
    static let fingerprint = "DB:B7:1F:4F:12:6E:37:CB:01:11:C7:19:B6:F5:74:4F:D6:D5:8B:A3:5E:8E:30:C6:E7:C2:C9:B1:90:0C:EC:58"

    static func serverContext() throws -> NIOSSLContext {
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMBytes(Array(certificatePEM.utf8)).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(privateKeyPEM.utf8), format: .pem)))
        return try NIOSSLContext(configuration: configuration)
    }
}
