// The HTTP JSON API under /api/v1 and the web app's static files. A thin adapter: it parses the request,
// calls app::App and writes the result; errors are mapped to one shape in one place (ErrorStatus).
#pragma once

#include <cstdint>
#include <string>

#include "app/service.h"

namespace tcxd::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  uint16_t port = 8080;
  size_t threads = 2;
  std::string web_root;                // directory of the built web app (index.html); empty = none
  bool secure_cookies = false;         // add "Secure" to the session cookie (behind HTTPS)
  size_t max_body_bytes = 1 << 20;     // JSON requests
  size_t max_upload_bytes = 64 << 20;  // spreadsheet uploads (the import route)
};

// HTTP status for an error code (400/401/403/404/409/413/422/429/500).
int ErrorStatus(const Error& e);

// Serves until SIGINT or SIGTERM. Returns the process exit code.
int Serve(app::App& app, const ServerOptions& options);

}  // namespace tcxd::http
