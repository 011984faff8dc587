/* sandbox-server.c — the sandbox's HTTP server: API dispatch, faults, request log
 *
 * Two SoupServers share the main loop (no thread per request):
 *   - the API server, on the port the command line asks for, serves the 八百呼 API, the
 *     recordings and — while no fault is active — the control API under /sandbox/;
 *   - the control server, on a second free loopback port (printed as `control on …`), serves
 *     the control API alone and is never faulted, so a test can always end a fault early.
 * The "down" fault closes the API server's listening socket and its connections (clients get
 * "connection refused") and listens again on the same port when the fault ends.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sandbox-server"

#include "config.h"

#include <sys/socket.h>

#include "sandbox-recordings.h"
#include "sandbox-server.h"
#include "sandbox-simulator.h"

#define DEFAULT_LONGPOLL_MS 25000
#define DEFAULT_SLOW_MS     5000
#define MAX_LOG_ENTRIES     20000

/* Methods a device calls with its MAC instead of an account: auth is checked only when sa_user
 * is given, the handler checks the device otherwise. */
static const char * const device_methods[] = { "upload_record", "upload_record_file", NULL };

struct _SandboxServer
{
  GObject            parent_instance;

  /* Borrowed */
  SandboxDb         *db;

  /* Owned */
  SandboxEvents     *events;
  SandboxSimulator  *simulator;
  SoupServer        *api;
  SoupServer        *control;
  GInetAddress      *address;
  GHashTable        *methods;      /* name → const SandboxMethod * */
  GQueue             log;          /* JsonObject * */
  guint              port;
  guint              control_port;
  guint              longpoll_ms;

  SandboxFault       fault;
  guint              fault_timeout_id;
  guint              down_id;
  guint              relisten_id;
  guint              slow_ms;
  gboolean           listening;
};

G_DEFINE_FINAL_TYPE (SandboxServer, sandbox_server, G_TYPE_OBJECT)

/* One API request on its way through dispatch. The SandboxRequest comes first, so that
 * sandbox_request_hold() finds the call from the handler's request. */
typedef struct
{
  SandboxRequest     request;
  SandboxServer     *self;
  SoupServerMessage *msg;
  char              *method_name;
  char              *jsonp;
  gint64             started_ms;
  gulong             finished_id;
  gulong             disconnected_id;
  gboolean           held;
  gboolean           answered;
  GDestroyNotify     on_gone;
  gpointer           on_gone_data;
} SandboxCall;

static const char *fault_names[] = { "none", "down", "slow", "garbage", "http500", "reset" };

/* ---- request log ---- */

void
sandbox_server_log_request (SandboxServer     *self,
                            SoupServerMessage *msg,
                            const char        *method,
                            GHashTable        *params,
                            gint64             started_ms,
                            int                code)
{
  JsonObject *entry = json_object_new ();
  JsonObject *logged = json_object_new ();
  GUri *uri = soup_server_message_get_uri (msg);

  if (params != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, params);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          /* The log is JSON: what came as something else than UTF-8 is logged repaired. */
          g_autofree char *name = g_utf8_make_valid (key, -1);
          g_autofree char *text = g_utf8_make_valid (value, -1);

          if (g_ascii_strcasecmp (name, "sa_password") == 0)
            json_object_set_string_member (logged, name, "(redacted)");
          else
            json_object_set_string_member (logged, name, text);
        }
    }

  json_object_set_string_member (entry, "method", method ? method : "");
  json_object_set_string_member (entry, "http_method", soup_server_message_get_method (msg));
  json_object_set_string_member (entry, "path", g_uri_get_path (uri));
  json_object_set_object_member (entry, "params", logged);
  json_object_set_int_member (entry, "ts_ms", started_ms);
  json_object_set_int_member (entry, "ms", sandbox_now_ms () - started_ms);
  json_object_set_int_member (entry, "status", soup_server_message_get_status (msg));
  json_object_set_int_member (entry, "code", code);
  json_object_set_string_member (entry, "fault", fault_names[self->fault]);

  g_queue_push_tail (&self->log, entry);
  while (self->log.length > MAX_LOG_ENTRIES)
    json_object_unref (g_queue_pop_head (&self->log));
}

JsonNode *
sandbox_server_dup_requests (SandboxServer *self)
{
  JsonObject *object = json_object_new ();
  JsonArray *requests = json_array_new ();

  for (GList *l = self->log.head; l; l = l->next)
    json_array_add_object_element (requests, json_object_ref (l->data));
  json_object_set_int_member (object, "total", self->log.length);
  json_object_set_array_member (object, "requests", requests);
  return sandbox_answer_node (object);
}

void
sandbox_server_reset_requests (SandboxServer *self)
{
  g_queue_clear_full (&self->log, (GDestroyNotify) json_object_unref);
}

SandboxAgent *
sandbox_server_authenticate (SandboxServer  *self,
                             GHashTable     *params,
                             GError        **error)
{
  const char *user = g_hash_table_lookup (params, "sa_user");
  const char *password = g_hash_table_lookup (params, "sa_password");

  if (user == NULL || *user == '\0' || password == NULL || *password == '\0')
    {
      g_set_error_literal (error, SANDBOX_ERROR, SANDBOX_ERROR_AUTH,
                           "authentication failed: sa_user and sa_password are required");
      return NULL;
    }
  return sandbox_db_authenticate (self->db, user, password, error);
}

/* ---- dispatch ---- */

static void
call_free (SandboxCall *call)
{
  g_clear_signal_handler (&call->finished_id, call->msg);
  g_clear_signal_handler (&call->disconnected_id, call->msg);
  g_clear_object (&call->msg);
  g_clear_pointer (&call->request.params, g_hash_table_unref);
  g_clear_pointer (&call->request.files, g_hash_table_unref);
  g_clear_pointer (&call->request.agent, sandbox_agent_free);
  g_free (call->method_name);
  g_free (call->jsonp);
  g_free (call);
}

static gboolean
jsonp_name_ok (const char *name)
{
  if (name == NULL || *name == '\0' || strlen (name) > 128)
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '$' && *p != '.')
      return FALSE;
  return TRUE;
}

static void
call_respond (SandboxCall  *call,
              JsonNode     *answer,
              const GError *error)
{
  g_autoptr(JsonNode) node = answer;
  g_autofree char *json = NULL;
  char *body;
  int code = 0;

  if (node == NULL)
    {
      JsonObject *object = json_object_new ();

      g_autofree char *message = g_utf8_make_valid (error ? error->message : "internal error", -1);

      code = (error && error->domain == SANDBOX_ERROR) ? error->code : SANDBOX_ERROR_INTERNAL;
      json_object_set_int_member (object, "code", code);
      /* A message may quote a value the client sent: the answer stays UTF-8 all the same. */
      json_object_set_string_member (object, "message", message);
      node = sandbox_answer_node (object);
    }
  else if (JSON_NODE_HOLDS_OBJECT (node)
           && json_object_has_member (json_node_get_object (node), "code"))
    {
      code = json_object_get_int_member (json_node_get_object (node), "code");
    }

  json = json_to_string (node, FALSE);
  soup_server_message_set_status (call->msg, SOUP_STATUS_OK, NULL);
  if (call->jsonp != NULL)
    {
      body = g_strdup_printf ("%s(%s)", call->jsonp, json);
      soup_server_message_set_response (call->msg, "application/javascript;charset=UTF-8",
                                        SOUP_MEMORY_TAKE, body, strlen (body));
    }
  else
    {
      body = g_steal_pointer (&json);
      soup_server_message_set_response (call->msg, "application/json;charset=UTF-8",
                                        SOUP_MEMORY_TAKE, body, strlen (body));
    }

  sandbox_server_log_request (call->self, call->msg, call->method_name, call->request.params,
                              call->started_ms, code);
  call->answered = TRUE;
  sandbox_message_resume (call->msg);
}

static char *
missing_required (SandboxCall         *call,
                  const SandboxMethod *method)
{
  g_auto(GStrv) names = NULL;
  g_autoptr(GString) missing = NULL;

  if (method->required == NULL)
    return NULL;

  names = g_strsplit (method->required, " ", -1);
  for (guint i = 0; names[i]; i++)
    {
      const char *value;

      if (*names[i] == '\0')
        continue;
      value = g_hash_table_lookup (call->request.params, names[i]);
      if (value != NULL && *value != '\0')
        continue;
      if (missing == NULL)
        missing = g_string_new (names[i]);
      else
        g_string_append_printf (missing, ", %s", names[i]);
    }
  return missing ? g_string_free (g_steal_pointer (&missing), FALSE) : NULL;
}

/* Section 1.1.1: every value is UTF-8. The first parameter that is not, or NULL. */
static const char *
first_invalid_text (GHashTable *params)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, params);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_utf8_validate (key, -1, NULL) || !g_utf8_validate (value, -1, NULL))
      return key;
  return NULL;
}

static JsonNode *
call_run (SandboxCall  *call,
          GError      **error)
{
  SandboxServer *self = call->self;
  const SandboxMethod *method = NULL;
  const char *name = g_hash_table_lookup (call->request.params, "method");
  const char *user = g_hash_table_lookup (call->request.params, "sa_user");
  g_autofree char *missing = NULL;
  const char *bad;
  gboolean device;

  if (name == NULL || *name == '\0')
    {
      g_set_error_literal (error, SANDBOX_ERROR, SANDBOX_ERROR_PARAMETER,
                           "missing parameter: method");
      return NULL;
    }
  bad = first_invalid_text (call->request.params);
  if (bad != NULL)
    {
      /* Refused by name, before anything is stored or quoted back. */
      g_autofree char *shown = g_utf8_make_valid (bad, -1);

      g_set_error (error, SANDBOX_ERROR, SANDBOX_ERROR_PARAMETER,
                   "parameter %s is not UTF-8 text", shown);
      return NULL;
    }
  call->method_name = g_str_has_suffix (name, ".html")
                      ? g_strndup (name, strlen (name) - strlen (".html"))
                      : g_strdup (name);
  call->request.method = call->method_name;
  method = g_hash_table_lookup (self->methods, call->method_name);
  device = g_strv_contains (device_methods, call->method_name);

  if (!device || (user != NULL && *user != '\0'))
    {
      call->request.agent = sandbox_server_authenticate (self, call->request.params, error);
      if (call->request.agent == NULL)
        return NULL;
    }

  if (method == NULL)
    {
      g_set_error (error, SANDBOX_ERROR, SANDBOX_ERROR_INTERNAL, "unknown method %s",
                   call->method_name);
      return NULL;
    }

  if (method->admin_only && call->request.agent->status != 2)
    {
      g_set_error (error, SANDBOX_ERROR, SANDBOX_ERROR_PERMISSION,
                   "no permission: %s is for administrators", call->method_name);
      return NULL;
    }

  missing = missing_required (call, method);
  if (missing != NULL)
    {
      g_set_error (error, SANDBOX_ERROR, SANDBOX_ERROR_PARAMETER, "missing parameter: %s",
                   missing);
      return NULL;
    }

  return method->func (&call->request, error);
}

static void
handle_api (SandboxServer     *self,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gint64             started_ms)
{
  SandboxCall *call = g_new0 (SandboxCall, 1);
  g_autoptr(GError) error = NULL;
  JsonNode *answer;

  call->self = self;
  call->msg = g_object_ref (msg);
  call->started_ms = started_ms;
  call->request.server = self;
  call->request.db = self->db;
  call->request.params = sandbox_parse_params (msg, query, &call->request.files);

  if (g_str_has_suffix (path, ".jsonp"))
    {
      const char *callback = g_hash_table_lookup (call->request.params, "callback");

      call->jsonp = g_strdup (jsonp_name_ok (callback) ? callback : "callback");
    }

  answer = call_run (call, &error);
  if (call->held && answer == NULL && error == NULL)
    return;   /* answered later through sandbox_held_answer() */

  if (answer == NULL && error == NULL)
    g_set_error (&error, SANDBOX_ERROR, SANDBOX_ERROR_INTERNAL, "%s gave no answer",
                 call->method_name);

  if (call->held)
    {
      /* Freed when the answer has been written ("finished"). */
      call_respond (call, answer, error);
      return;
    }
  call_respond (call, answer, error);
  call_free (call);
}

/* "finished" after the answer was written, or "disconnected" (or "finished") when the client
 * or a "down" fault dropped the connection first. */
static void
on_held_finished_cb (SoupServerMessage *msg,
                     SandboxCall       *call)
{
  if (!call->answered && call->on_gone != NULL)
    call->on_gone (call->on_gone_data);
  call_free (call);
}

SandboxHeld *
sandbox_request_hold (SandboxRequest *request,
                      GDestroyNotify  on_gone,
                      gpointer        user_data)
{
  SandboxCall *call = (SandboxCall *) request;

  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (!call->held, NULL);

  call->held = TRUE;
  call->on_gone = on_gone;
  call->on_gone_data = user_data;
  call->finished_id = g_signal_connect (call->msg, "finished",
                                        G_CALLBACK (on_held_finished_cb), call);
  call->disconnected_id = g_signal_connect (call->msg, "disconnected",
                                            G_CALLBACK (on_held_finished_cb), call);
  sandbox_message_pause (call->msg);
  return (SandboxHeld *) call;
}

SandboxRequest *
sandbox_held_get_request (SandboxHeld *held)
{
  return &((SandboxCall *) held)->request;
}

void
sandbox_held_answer (SandboxHeld  *held,
                     JsonNode     *answer,
                     const GError *error)
{
  SandboxCall *call = (SandboxCall *) held;

  g_return_if_fail (call != NULL && call->held);
  g_return_if_fail (!call->answered);

  /* The call is freed when the message has been written ("finished"). */
  call_respond (call, answer, error);
}

/* ---- faults ---- */

static void
reset_connection (SoupServerMessage *msg)
{
  GSocket *socket = soup_server_message_get_socket (msg);
  g_autoptr(GIOStream) stream = NULL;

  if (socket != NULL)
    {
      /* SO_LINGER 0: close() sends RST, the client sees "connection reset". */
      struct linger linger = { 1, 0 };

      setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_LINGER, &linger, sizeof linger);
    }
  stream = soup_server_message_steal_connection (msg);
  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);
}

static const char bad_gateway_page[] =
  "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
  "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

static const char garbage_body[] =
  "{\"code\":0,\"msgs\":[{\"kind\":\"2\",\"phone\":\"1380013\x01\x02 <!-- truncated";

/* Returns TRUE when the fault answered (or dropped) the request. */
static gboolean
apply_fault (SandboxServer     *self,
             SoupServerMessage *msg,
             gint64             started_ms)
{
  switch (self->fault)
    {
    case SANDBOX_FAULT_NONE:
    case SANDBOX_FAULT_SLOW:
      return FALSE;

    case SANDBOX_FAULT_GARBAGE:
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/json;charset=UTF-8", SOUP_MEMORY_STATIC,
                                        garbage_body, sizeof garbage_body - 1);
      break;

    case SANDBOX_FAULT_HTTP500:
      soup_server_message_set_status (msg, SOUP_STATUS_BAD_GATEWAY, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC,
                                        bad_gateway_page, sizeof bad_gateway_page - 1);
      break;

    case SANDBOX_FAULT_DOWN:   /* accepted just before the socket closed */
    case SANDBOX_FAULT_RESET:
      sandbox_server_log_request (self, msg, NULL, NULL, started_ms, 0);
      reset_connection (msg);
      return TRUE;

    default:
      g_assert_not_reached ();
    }

  sandbox_server_log_request (self, msg, NULL, NULL, started_ms, 0);
  return TRUE;
}

static gboolean listen_api (SandboxServer *self, GError **error);

static gboolean
on_relisten_cb (gpointer user_data)
{
  SandboxServer *self = user_data;
  g_autoptr(GError) error = NULL;

  if (self->fault == SANDBOX_FAULT_DOWN || self->listening)
    {
      self->relisten_id = 0;
      return G_SOURCE_REMOVE;
    }
  if (!listen_api (self, &error))
    {
      g_debug ("Listening again on port %u failed, retrying: %s", self->port, error->message);
      return G_SOURCE_CONTINUE;
    }
  self->relisten_id = 0;
  return G_SOURCE_REMOVE;
}

static void
fault_end (SandboxServer *self)
{
  g_clear_handle_id (&self->fault_timeout_id, g_source_remove);
  g_clear_handle_id (&self->down_id, g_source_remove);
  if (self->fault != SANDBOX_FAULT_NONE)
    g_message ("fault %s ended", fault_names[self->fault]);
  self->fault = SANDBOX_FAULT_NONE;

  if (!self->listening && self->relisten_id == 0)
    {
      if (on_relisten_cb (self) == G_SOURCE_CONTINUE)
        self->relisten_id = g_timeout_add (100, on_relisten_cb, self);
    }
}

static gboolean
on_fault_timeout_cb (gpointer user_data)
{
  SandboxServer *self = user_data;

  self->fault_timeout_id = 0;
  fault_end (self);
  return G_SOURCE_REMOVE;
}

static gboolean
on_go_down_cb (gpointer user_data)
{
  SandboxServer *self = user_data;

  self->down_id = 0;
  if (self->fault == SANDBOX_FAULT_DOWN && self->listening)
    {
      soup_server_disconnect (self->api);
      self->listening = FALSE;
    }
  return G_SOURCE_REMOVE;
}

gboolean
sandbox_server_set_fault (SandboxServer  *self,
                          const char     *mode,
                          guint           ms,
                          guint           delay_ms,
                          GError        **error)
{
  SandboxFault fault = SANDBOX_FAULT_NONE;
  gboolean found = FALSE;

  g_return_val_if_fail (SANDBOX_IS_SERVER (self), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (fault_names); i++)
    if (g_strcmp0 (mode, fault_names[i]) == 0)
      {
        fault = i;
        found = TRUE;
      }
  if (!found)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "unknown fault mode “%s” (down, slow, garbage, http500, reset or none)",
                   mode ? mode : "");
      return FALSE;
    }

  fault_end (self);
  if (fault == SANDBOX_FAULT_NONE)
    return TRUE;

  self->fault = fault;
  self->slow_ms = delay_ms > 0 ? delay_ms : DEFAULT_SLOW_MS;
  if (ms > 0)
    self->fault_timeout_id = g_timeout_add (ms, on_fault_timeout_cb, self);
  g_message ("fault %s for %u ms", fault_names[fault], ms);

  /* Give the answer to this very request (it may have come on the API port) time to leave. */
  if (fault == SANDBOX_FAULT_DOWN)
    self->down_id = g_timeout_add (20, on_go_down_cb, self);
  return TRUE;
}

SandboxFault
sandbox_server_get_fault (SandboxServer *self)
{
  return self->fault;
}

/* ---- routing ---- */

static void
route (SandboxServer     *self,
       SoupServerMessage *msg,
       const char        *path,
       GHashTable        *query,
       gint64             started_ms)
{
  if (g_str_equal (path, "/voip/api/jsondata.html")
      || g_str_equal (path, "/voip/api/jsondata.json")
      || g_str_equal (path, "/voip/api/jsonpdata.jsonp"))
    {
      handle_api (self, msg, path, query, started_ms);
    }
  else if (g_str_has_prefix (path, "/voip/record/"))
    {
      sandbox_recordings_serve_file (self, msg, path + strlen ("/voip/record/"), started_ms);
    }
  else if (g_str_has_prefix (path, "/voip/sound/"))
    {
      sandbox_recordings_serve_sound (self, msg, path + strlen ("/voip/sound/"), started_ms);
    }
  else if (g_str_equal (path, "/voip/api/client/download/record.json"))
    {
      g_autoptr(GHashTable) params = sandbox_parse_params (msg, query, NULL);

      sandbox_recordings_serve_download (self, msg, params, started_ms);
    }
  else if (g_str_equal (path, "/sandbox") || g_str_has_prefix (path, "/sandbox/"))
    {
      sandbox_control_handle (self, msg, path);
      sandbox_message_resume (msg);
    }
  else
    {
      static const char page[] = "<html><body><h1>404 Not Found</h1></body></html>";

      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, page,
                                        sizeof page - 1);
      sandbox_server_log_request (self, msg, NULL, query, started_ms, 0);
      sandbox_message_resume (msg);
    }
}

typedef struct
{
  SandboxServer     *self;
  SoupServerMessage *msg;
  char              *path;
  GHashTable        *query;
  gint64             started_ms;
  guint              timeout_id;
  gulong             finished_id;
  gulong             disconnected_id;
} Delayed;

static void
delayed_free (Delayed *delayed)
{
  g_clear_handle_id (&delayed->timeout_id, g_source_remove);
  g_clear_signal_handler (&delayed->finished_id, delayed->msg);
  g_clear_signal_handler (&delayed->disconnected_id, delayed->msg);
  g_clear_object (&delayed->msg);
  g_clear_pointer (&delayed->query, g_hash_table_unref);
  g_free (delayed->path);
  g_free (delayed);
}

static void
on_delayed_finished_cb (SoupServerMessage *msg,
                        Delayed           *delayed)
{
  delayed_free (delayed);
}

static gboolean
on_delayed_timeout_cb (gpointer user_data)
{
  Delayed *delayed = user_data;
  g_autoptr(SoupServerMessage) msg = g_object_ref (delayed->msg);

  delayed->timeout_id = 0;
  g_clear_signal_handler (&delayed->finished_id, delayed->msg);
  g_clear_signal_handler (&delayed->disconnected_id, delayed->msg);
  /* route() answers (and unpauses) the message, or holds it: either way it is not ours now. */
  route (delayed->self, msg, delayed->path, delayed->query, delayed->started_ms);
  delayed_free (delayed);
  return G_SOURCE_REMOVE;
}

static void
on_api_request_cb (SoupServer        *server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  SandboxServer *self = user_data;
  gint64 started_ms = sandbox_now_ms ();

  if (apply_fault (self, msg, started_ms))
    return;

  if (self->fault == SANDBOX_FAULT_SLOW)
    {
      Delayed *delayed = g_new0 (Delayed, 1);

      delayed->self = self;
      delayed->msg = g_object_ref (msg);
      delayed->path = g_strdup (path);
      delayed->query = query ? g_hash_table_ref (query) : NULL;
      delayed->started_ms = started_ms;
      delayed->finished_id = g_signal_connect (msg, "finished",
                                               G_CALLBACK (on_delayed_finished_cb), delayed);
      delayed->disconnected_id = g_signal_connect (msg, "disconnected",
                                                   G_CALLBACK (on_delayed_finished_cb), delayed);
      delayed->timeout_id = g_timeout_add (self->slow_ms, on_delayed_timeout_cb, delayed);
      sandbox_message_pause (msg);
      return;
    }

  route (self, msg, path, query, started_ms);
}

static void
on_control_request_cb (SoupServer        *server,
                       SoupServerMessage *msg,
                       const char        *path,
                       GHashTable        *query,
                       gpointer           user_data)
{
  SandboxServer *self = user_data;

  if (g_str_equal (path, "/sandbox") || g_str_has_prefix (path, "/sandbox/"))
    {
      sandbox_control_handle (self, msg, path);
    }
  else
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC,
                                        "not found\n", strlen ("not found\n"));
    }
}

/* ---- object ---- */

static gboolean
listen_api (SandboxServer  *self,
            GError        **error)
{
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (self->address, self->port);
  g_autoptr(GSocket) socket = NULL;
  GSList *uris;

  /* Our own socket for a deep accept queue: hundreds of agents connect at once (GSocket's
   * default backlog is 10, and connections past it stall in SYN retries). */
  socket = g_socket_new (g_socket_address_get_family (address), G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL)
    return FALSE;
  g_socket_set_listen_backlog (socket, 1024);
  if (!g_socket_bind (socket, address, TRUE, error)
      || !g_socket_listen (socket, error)
      || !soup_server_listen_socket (self->api, socket, 0, error))
    return FALSE;

  uris = soup_server_get_uris (self->api);
  if (uris != NULL)
    self->port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  self->listening = TRUE;
  return TRUE;
}

static void
add_methods (SandboxServer       *self,
             const SandboxMethod *table)
{
  for (const SandboxMethod *m = table; m && m->name; m++)
    {
      if (g_hash_table_contains (self->methods, m->name))
        g_message ("method %s is registered twice; the first one answers", m->name);
      else
        g_hash_table_insert (self->methods, (gpointer) m->name, (gpointer) m);
    }
}

static void
sandbox_server_dispose (GObject *object)
{
  SandboxServer *self = SANDBOX_SERVER (object);

  g_clear_handle_id (&self->fault_timeout_id, g_source_remove);
  g_clear_handle_id (&self->down_id, g_source_remove);
  g_clear_handle_id (&self->relisten_id, g_source_remove);
  g_clear_pointer (&self->simulator, sandbox_simulator_free);
  if (self->api != NULL)
    soup_server_disconnect (self->api);
  if (self->control != NULL)
    soup_server_disconnect (self->control);
  g_clear_object (&self->api);
  g_clear_object (&self->control);

  G_OBJECT_CLASS (sandbox_server_parent_class)->dispose (object);
}

static void
sandbox_server_finalize (GObject *object)
{
  SandboxServer *self = SANDBOX_SERVER (object);

  g_clear_pointer (&self->events, sandbox_events_free);
  g_clear_object (&self->address);
  g_clear_pointer (&self->methods, g_hash_table_unref);
  g_queue_clear_full (&self->log, (GDestroyNotify) json_object_unref);

  G_OBJECT_CLASS (sandbox_server_parent_class)->finalize (object);
}

static void
sandbox_server_class_init (SandboxServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sandbox_server_dispose;
  object_class->finalize = sandbox_server_finalize;
}

static void
sandbox_server_init (SandboxServer *self)
{
  const char *longpoll = g_getenv ("BABAIHU_SANDBOX_LONGPOLL_MS");
  guint64 value;

  g_queue_init (&self->log);
  self->methods = g_hash_table_new (g_str_hash, g_str_equal);
  self->longpoll_ms = DEFAULT_LONGPOLL_MS;
  if (longpoll != NULL && g_ascii_string_to_unsigned (longpoll, 10, 1, G_MAXUINT, &value, NULL))
    self->longpoll_ms = value;

  self->api = soup_server_new ("server-header", "babaihu-sandbox/" PACKAGE_VERSION, NULL);
  self->control = soup_server_new ("server-header", "babaihu-sandbox/" PACKAGE_VERSION, NULL);
  soup_server_add_handler (self->api, NULL, on_api_request_cb, self, NULL);
  soup_server_add_handler (self->control, NULL, on_control_request_cb, self, NULL);
}

/**
 * sandbox_server_new:
 * @db: the database, owned by the caller
 * @error: return location for an error
 *
 * Returns: (transfer full): a server that is not listening yet
 */
SandboxServer *
sandbox_server_new (SandboxDb  *db,
                    GError    **error)
{
  g_autoptr(SandboxServer) self = g_object_new (SANDBOX_TYPE_SERVER, NULL);

  g_return_val_if_fail (db != NULL, NULL);

  self->db = db;
  self->events = sandbox_events_new (db, error);
  if (self->events == NULL)
    return NULL;
  self->simulator = sandbox_simulator_new (self, error);
  if (self->simulator == NULL)
    return NULL;

  add_methods (self, sandbox_methods_session ());
  add_methods (self, sandbox_methods_device);
  add_methods (self, sandbox_methods_data ());
  return g_steal_pointer (&self);
}

gboolean
sandbox_server_listen (SandboxServer  *self,
                       const char     *address,
                       guint           port,
                       GError        **error)
{
  GSList *uris;

  g_return_val_if_fail (SANDBOX_IS_SERVER (self), FALSE);

  g_clear_object (&self->address);
  self->address = g_inet_address_new_from_string (address ? address : "127.0.0.1");
  if (self->address == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "“%s” is not an IP address", address);
      return FALSE;
    }
  self->port = port;
  if (!listen_api (self, error))
    return FALSE;

  if (!soup_server_listen_local (self->control, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
    return FALSE;
  uris = soup_server_get_uris (self->control);
  if (uris != NULL)
    self->control_port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return TRUE;
}

guint
sandbox_server_get_port (SandboxServer *self)
{
  return self->port;
}

guint
sandbox_server_get_control_port (SandboxServer *self)
{
  return self->control_port;
}

SandboxDb *
sandbox_server_get_db (SandboxServer *self)
{
  return self->db;
}

SandboxEvents *
sandbox_server_get_events (SandboxServer *self)
{
  return self->events;
}

SandboxSimulator *
sandbox_server_get_simulator (SandboxServer *self)
{
  return self->simulator;
}

guint
sandbox_server_get_longpoll_ms (SandboxServer *self)
{
  return self->longpoll_ms;
}
