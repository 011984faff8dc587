/* sandbox-test-util.h — run the real babaihu-sandbox and talk to it over HTTP with libsoup
 *
 * The binary comes from $BABAIHU_SANDBOX (set by tests/meson.build). Everything here spins the
 * default main context while it waits, with a timeout that fails the test, never a sleep.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* The demo accounts the data side seeds. */
#define SANDBOX_TEST_AGENT          "100008800"
#define SANDBOX_TEST_AGENT_PASSWORD "02367073578"
#define SANDBOX_TEST_ADMIN          "100008899"
#define SANDBOX_TEST_ADMIN_PASSWORD "800ing-admin"

typedef struct
{
  GSubprocess *process;
  char        *url;           /* http://127.0.0.1:PORT, the API */
  char        *control_url;   /* http://127.0.0.1:PORT, the control API alone */
  SoupSession *session;       /* many connections per host: long polls run side by side */
  char        *scratch_dir;   /* removed by sandbox_test_server_stop() */
} SandboxTestServer;

typedef struct
{
  guint               status;        /* 0 when the request failed at the transport level */
  GError             *error;         /* the transport error, if any */
  GBytes             *body;
  SoupMessageHeaders *headers;       /* the response headers */
  char               *content_type;
  gint64              elapsed_ms;
} SandboxTestResponse;

typedef struct _SandboxTestPending SandboxTestPending;

/* Starts `babaihu-sandbox --demo --demo-size=200` plus @extra_args (NULL-terminated, may be
 * NULL), with @env ("NAME=VALUE", NULL-terminated, may be NULL) added to the environment.
 * Waits (bounded) for the `listening on` and `control on` lines. */
SandboxTestServer   *sandbox_test_server_start   (const char * const *extra_args,
                                                  const char * const *env);
/* SIGTERM, then asserts a clean exit within 10 s. */
void                 sandbox_test_server_stop    (SandboxTestServer  *server);

/* Spins the default main context until *@done, or fails the test after @timeout_ms. */
void                 sandbox_test_wait_for       (gboolean           *done,
                                                  guint               timeout_ms);
/* Calls @check on every 20 ms tick of the default main context until it returns TRUE, or fails
 * the test after @timeout_ms. For conditions the server does not signal (its request log). */
void                 sandbox_test_wait_until     (gboolean          (*check) (gpointer user_data),
                                                  gpointer            user_data,
                                                  guint               timeout_ms);
/* Long-polls getLongWaterLine as @account from *@water_line until a call message for @phone
 * (any phone when NULL) whose content has `status:@status` arrives; returns that message and
 * moves *@water_line past it. Fails the test after @timeout_ms. */
JsonObject          *sandbox_test_wait_for_event (SandboxTestServer  *server,
                                                  const char         *account,
                                                  const char         *password,
                                                  const char         *phone,
                                                  int                 status,
                                                  gint64             *water_line,
                                                  guint               timeout_ms);
/* Lower-case hex MD5, as the SDK sends sa_password. */
char                *sandbox_test_md5            (const char         *text);

/* Raw HTTP. @path_and_query is appended to @base (NULL: the API url). @body may be NULL. */
SandboxTestPending  *sandbox_test_send           (SandboxTestServer  *server,
                                                  const char         *base,
                                                  const char         *http_method,
                                                  const char         *path_and_query,
                                                  const char         *content_type,
                                                  GBytes             *body,
                                                  const char         *range);
gboolean             sandbox_test_pending_is_done (SandboxTestPending *pending);
/* Waits (bounded) and hands the response over; the pending request is freed. */
SandboxTestResponse *sandbox_test_pending_finish (SandboxTestPending  *pending,
                                                  guint                timeout_ms);
SandboxTestResponse *sandbox_test_request        (SandboxTestServer  *server,
                                                  const char         *base,
                                                  const char         *http_method,
                                                  const char         *path_and_query,
                                                  const char         *content_type,
                                                  GBytes             *body,
                                                  const char         *range,
                                                  guint               timeout_ms);
void                 sandbox_test_response_free  (SandboxTestResponse *response);
/* The body parsed as a JSON object; NULL (no failure) when it is not one. */
JsonObject          *sandbox_test_response_json  (SandboxTestResponse *response);

/* An API call: GET /voip/api/jsondata.html with sa_user, sa_password (MD5 of @password),
 * method and the NULL-terminated name, value pairs. Returns the answer object (asserting the
 * HTTP exchange worked and the body is a JSON object). */
JsonObject          *sandbox_test_call           (SandboxTestServer  *server,
                                                  const char         *account,
                                                  const char         *password,
                                                  const char         *method,
                                                  ...) G_GNUC_NULL_TERMINATED;
/* The same, started but not waited for (for long polls). */
SandboxTestPending  *sandbox_test_call_start     (SandboxTestServer  *server,
                                                  const char         *account,
                                                  const char         *password,
                                                  const char         *method,
                                                  ...) G_GNUC_NULL_TERMINATED;
JsonObject          *sandbox_test_call_finish    (SandboxTestPending *pending,
                                                  guint               timeout_ms);
/* The query string for a call (URL-encoded), for tests that build requests themselves. */
char                *sandbox_test_call_query     (const char         *account,
                                                  const char         *password,
                                                  const char         *method,
                                                  ...) G_GNUC_NULL_TERMINATED;

/* The control API on the control port: POST @json (or GET when NULL) to @path ("/sandbox/…").
 * Asserts a 200 answer and returns its object. */
JsonObject          *sandbox_test_control        (SandboxTestServer  *server,
                                                  const char         *path,
                                                  const char         *json);

/* A member as a 64-bit integer whether it is a number or a numeric string; @fallback if absent. */
gint64               sandbox_test_get_int        (JsonObject         *object,
                                                  const char         *name,
                                                  gint64              fallback);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SandboxTestResponse, sandbox_test_response_free)

G_END_DECLS
