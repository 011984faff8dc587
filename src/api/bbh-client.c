/* bbh-client.c — one connection to an 八百呼 server
 *
 * BbhClient owns one keep-alive SoupSession and the credentials: the account and the MD5 of
 * the password. The clear password never enters this library, and sa_password is redacted
 * from everything it logs or reports.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bbh-client"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "bbh-client-private.h"
#include "bbh-extension-private.h"

#define DEFAULT_TIMEOUT_S    15
#define LONG_POLL_TIMEOUT_S  45
/* A GET longer than this goes as a POST form: proxies cut long URLs. */
#define MAX_GET_QUERY        1800

struct _BbhClient
{
  GObject parent_instance;

  /* Owned */
  SoupSession *session;
  char        *base_url;
  char        *api_url;
  char        *account;
  char        *password_md5;
  guint        timeout;
  guint        long_poll_timeout;
};

G_DEFINE_FINAL_TYPE (BbhClient, bbh_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_ACCOUNT,
  PROP_PASSWORD_MD5,
  PROP_TIMEOUT,
  N_PROPS
};

enum {
  REQUEST_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  char          *method;
  BbhCallFlags   flags;
  BbhParseFunc   parse;
  GDestroyNotify result_free;
  SoupMessage   *message;
  GCancellable  *cancellable;      /* ours: cancelled by the caller's or by the timeout */
  GCancellable  *caller_cancellable;
  gulong         caller_handler;
  guint          timeout_id;
  gboolean       timed_out;
  gint64         started_us;
} Call;

static void
call_free (gpointer data)
{
  Call *call = data;

  g_clear_handle_id (&call->timeout_id, g_source_remove);
  if (call->caller_cancellable != NULL)
    g_cancellable_disconnect (call->caller_cancellable, call->caller_handler);
  g_clear_object (&call->caller_cancellable);
  g_clear_object (&call->cancellable);
  g_clear_object (&call->message);
  g_free (call->method);
  g_free (call);
}

/* "host:port" and "host/" are accepted: people type what they see in the browser. */
static char *
normalize_base_url (const char *url)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (url != NULL ? url : ""));
  g_autofree char *with_scheme = NULL;
  gsize len;

  if (strstr (trimmed, "://") == NULL)
    with_scheme = g_strconcat ("http://", trimmed, NULL);
  else
    with_scheme = g_steal_pointer (&trimmed);

  len = strlen (with_scheme);
  while (len > 0 && with_scheme[len - 1] == '/')
    with_scheme[--len] = '\0';

  /* A URL that already names the API endpoint is cut back to its base. */
  if (g_str_has_suffix (with_scheme, "/voip/api/jsondata.html"))
    with_scheme[len - strlen ("/voip/api/jsondata.html")] = '\0';

  return g_steal_pointer (&with_scheme);
}

/**
 * bbh_password_md5:
 * @password: the clear password
 *
 * Returns: (transfer full): the 32-hex MD5 in upper case, as the document's example sends it.
 */
char *
bbh_password_md5 (const char *password)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (password != NULL, NULL);

  lower = g_compute_checksum_for_string (G_CHECKSUM_MD5, password, -1);
  return g_ascii_strup (lower, -1);
}

/**
 * bbh_redact_uri:
 * @uri: a request URI or form body
 *
 * Returns: (transfer full): @uri with the value of sa_password replaced by `***`; the
 *   value ends at `&`, `#`, white space, a quote or an angle bracket.
 */
char *
bbh_redact_uri (const char *uri)
{
  GString *out;
  const char *p;

  if (uri == NULL)
    return NULL;

  out = g_string_new (NULL);
  p = uri;
  while (*p)
    {
      const char *hit = strstr (p, "sa_password=");

      if (hit == NULL)
        {
          g_string_append (out, p);
          break;
        }
      g_string_append_len (out, p, hit - p + strlen ("sa_password="));
      g_string_append (out, "***");
      p = hit + strlen ("sa_password=");
      /* The value ends where a URI's would, or where quoted text goes on. */
      while (*p && strchr ("&#;\"'<> \t\r\n", *p) == NULL)
        p++;
    }
  return g_string_free (out, FALSE);
}

void
bbh_client_scrub_error (BbhClient *self,
                        GError    *error)
{
  g_autofree char *redacted = NULL;
  gsize secret_len;

  if (error == NULL || error->message == NULL)
    return;

  redacted = bbh_redact_uri (error->message);
  secret_len = self->password_md5 != NULL ? strlen (self->password_md5) : 0;
  if (secret_len > 0)
    {
      GString *out = g_string_new (NULL);
      const char *p = redacted;

      while (*p != '\0')
        {
          if (g_ascii_strncasecmp (p, self->password_md5, secret_len) == 0)
            {
              g_string_append (out, "***");
              p += secret_len;
            }
          else
            g_string_append_c (out, *p++);
        }
      g_free (redacted);
      redacted = g_string_free (out, FALSE);
    }

  g_free (error->message);
  error->message = g_steal_pointer (&redacted);
}

static void
append_param (GString    *s,
              const char *name,
              const char *value)
{
  if (s->len > 0)
    g_string_append_c (s, '&');
  g_string_append_uri_escaped (s, name, NULL, FALSE);
  g_string_append_c (s, '=');
  g_string_append_uri_escaped (s, value, NULL, FALSE);
}

static char *
build_query (BbhClient  *self,
             const char *method,
             BbhParams  *params)
{
  GString *s = g_string_new (NULL);

  append_param (s, "sa_user", self->account);
  append_param (s, "sa_password", self->password_md5);
  append_param (s, "method", method);
  if (params != NULL)
    for (guint i = 0; i < bbh_params_get_length (params); i++)
      append_param (s, bbh_params_get_name (params, i), bbh_params_get_value (params, i));

  return g_string_free (s, FALSE);
}

/* Transport failures in words: the agent learns whether to check the address, the network
 * or the certificate. Cancellation by the caller stays G_IO_ERROR_CANCELLED (silent). */
static GError *
translate_transport_error (Call   *call,
                           GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (call->timed_out)
        return g_error_new_literal (BBH_ERROR, BBH_ERROR_TIMEOUT,
                                    bbh_error_describe (BBH_ERROR_TIMEOUT));
      return g_error_copy (error);
    }

  if (error->domain == G_TLS_ERROR)
    return g_error_new_literal (BBH_ERROR, BBH_ERROR_TLS, bbh_error_describe (BBH_ERROR_TLS));

  if (error->domain == G_RESOLVER_ERROR)
    return g_error_new_literal (BBH_ERROR, BBH_ERROR_UNREACHABLE,
                                _("The server's name could not be found. Check the server address and your network connection."));

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new_literal (BBH_ERROR, BBH_ERROR_TIMEOUT, bbh_error_describe (BBH_ERROR_TIMEOUT));

  if (error->domain == SOUP_SESSION_ERROR)
    return g_error_new (BBH_ERROR, BBH_ERROR_PROTOCOL, "%s",
                        bbh_error_describe (BBH_ERROR_PROTOCOL));

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    return g_error_new_literal (BBH_ERROR, BBH_ERROR_UNREACHABLE,
                                _("The server refused the connection. Check the server address, or try again when the server is back."));

  return g_error_new_literal (BBH_ERROR, BBH_ERROR_UNREACHABLE,
                              bbh_error_describe (BBH_ERROR_UNREACHABLE));
}

static void
finish_call (GTask    *task,
             gboolean  ok)
{
  BbhClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  double ms = (g_get_monotonic_time () - call->started_us) / 1000.0;

  g_signal_emit (self, signals[REQUEST_FINISHED], 0, call->method, ms, ok);
}

static void
on_send_and_read_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Call *call = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) root = NULL;
  BbhResponseFlags rflags = BBH_RESPONSE_DEFAULT;
  gpointer parsed;
  gsize len = 0;
  const char *data;

  g_clear_handle_id (&call->timeout_id, g_source_remove);

  body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (body == NULL)
    {
      GError *translated = translate_transport_error (call, error);

      if (!g_error_matches (translated, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        finish_call (task, FALSE);
      g_task_return_error (task, translated);
      return;
    }

  if (call->flags & BBH_CALL_STATUS_CODE)
    rflags |= BBH_RESPONSE_STATUS_CODE;

  data = g_bytes_get_data (body, &len);
  root = bbh_response_parse (data, len, soup_message_get_status (call->message), rflags, &error);
  if (root == NULL)
    {
      bbh_client_scrub_error (g_task_get_source_object (task), error);
      g_debug ("%s failed: %s", call->method, error->message);
      finish_call (task, FALSE);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  parsed = call->parse != NULL ? call->parse (root, &error) : json_object_ref (root);
  if (parsed == NULL && error != NULL)
    {
      bbh_client_scrub_error (g_task_get_source_object (task), error);
      finish_call (task, FALSE);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  finish_call (task, TRUE);
  g_task_return_pointer (task, parsed,
                         call->parse != NULL ? call->result_free
                                             : (GDestroyNotify) json_object_unref);
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  Call *call = user_data;

  call->timeout_id = 0;
  call->timed_out = TRUE;
  g_cancellable_cancel (call->cancellable);
  return G_SOURCE_REMOVE;
}

static void
on_caller_cancelled_cb (GCancellable *cancellable,
                        gpointer      user_data)
{
  GCancellable *ours = user_data;

  g_cancellable_cancel (ours);
}

/**
 * bbh_client_call_async: (skip)
 * @self: a #BbhClient
 * @method: the `method=` value
 * @params: (transfer full) (nullable): the method's parameters
 * @flags: how to send and read it
 * @parse: (nullable): turns the checked answer into the result; %NULL returns the #JsonObject
 * @result_free: frees what @parse returns
 * @source_tag: the public method, for g_task_is_valid()
 *
 * The one place a request is made: authentication parameters first, then @params; GET unless
 * the query is long or @flags asks for POST; a per-call timeout; the answer checked by
 * bbh_response_parse(); `request-finished` emitted for the trace.
 */
void
bbh_client_call_async (BbhClient           *self,
                       const char          *method,
                       BbhParams           *params,
                       BbhCallFlags         flags,
                       BbhParseFunc         parse,
                       GDestroyNotify       result_free,
                       gpointer             source_tag,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(BbhParams) owned_params = params;
  g_autoptr(GTask) task = NULL;
  g_autofree char *query = NULL;
  Call *call;
  guint timeout;

  g_return_if_fail (BBH_IS_CLIENT (self));
  g_return_if_fail (method != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_name (task, method);

  call = g_new0 (Call, 1);
  call->method = g_strdup (method);
  call->flags = flags;
  call->parse = parse;
  call->result_free = result_free;
  call->cancellable = g_cancellable_new ();
  call->started_us = g_get_monotonic_time ();
  g_task_set_task_data (task, call, call_free);

  if (cancellable != NULL)
    {
      call->caller_cancellable = g_object_ref (cancellable);
      call->caller_handler = g_cancellable_connect (cancellable,
                                                    G_CALLBACK (on_caller_cancelled_cb),
                                                    g_object_ref (call->cancellable),
                                                    g_object_unref);
    }

  query = build_query (self, method, owned_params);

  if ((flags & BBH_CALL_POST) || strlen (query) > MAX_GET_QUERY)
    {
      gsize len = strlen (query);
      g_autoptr(GBytes) body = g_bytes_new_take (g_steal_pointer (&query), len);

      call->message = soup_message_new (SOUP_METHOD_POST, self->api_url);
      if (call->message != NULL)
        soup_message_set_request_body_from_bytes (call->message,
                                                  "application/x-www-form-urlencoded; charset=UTF-8",
                                                  body);
    }
  else
    {
      g_autofree char *uri = g_strconcat (self->api_url, "?", query, NULL);

      call->message = soup_message_new (SOUP_METHOD_GET, uri);
    }

  if (call->message == NULL)
    {
      g_task_return_new_error (task, BBH_ERROR, BBH_ERROR_INVALID,
                               _("The server address “%s” is not valid."), self->base_url);
      return;
    }

  timeout = (flags & BBH_CALL_LONG_POLL) ? MAX (self->timeout, self->long_poll_timeout) : self->timeout;
  if (timeout > 0)
    call->timeout_id = g_timeout_add_seconds (timeout, on_timeout_cb, call);

  soup_session_send_and_read_async (self->session,
                                    call->message,
                                    G_PRIORITY_DEFAULT,
                                    call->cancellable,
                                    on_send_and_read_cb,
                                    g_steal_pointer (&task));
}

gpointer
bbh_client_call_finish (BbhClient     *self,
                        GAsyncResult  *result,
                        gpointer       source_tag,
                        GError       **error)
{
  g_return_val_if_fail (BBH_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
bbh_client_report_error (BbhClient           *self,
                         gpointer             source_tag,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data,
                         GError              *error)
{
  g_task_report_error (self, callback, user_data, source_tag, error);
}

BbhList *
bbh_list_new (GType item_type)
{
  BbhList *list = g_new0 (BbhList, 1);

  list->items = g_list_store_new (item_type);
  return list;
}

void
bbh_list_free (BbhList *list)
{
  if (list == NULL)
    return;
  g_clear_object (&list->items);
  g_free (list);
}

GListModel *
bbh_list_steal (BbhList *list,
                guint64 *out_total)
{
  GListModel *model = G_LIST_MODEL (g_steal_pointer (&list->items));

  if (out_total != NULL)
    *out_total = list->total;
  bbh_list_free (list);
  return model;
}

void
bbh_list_append_array (BbhList    *list,
                       JsonArray  *array,
                       gpointer  (*parse_item) (JsonObject *object))
{
  if (array == NULL)
    return;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr(GObject) item = NULL;

      if (JSON_NODE_TYPE (node) != JSON_NODE_OBJECT)
        continue;
      item = parse_item (json_node_get_object (node));
      if (item != NULL)
        g_list_store_append (list->items, item);
    }
}

/**
 * bbh_client_call_finish_list: (skip)
 *
 * Finishes a call whose parse function returned a #BbhList.
 *
 * Returns: (transfer full): the items; @out_total gets the server's total (or the number of
 *   items when the server gave none).
 */
GListModel *
bbh_client_call_finish_list (BbhClient     *self,
                             GAsyncResult  *result,
                             gpointer       source_tag,
                             guint64       *out_total,
                             GError       **error)
{
  BbhList *list = bbh_client_call_finish (self, result, source_tag, error);

  if (list == NULL)
    return NULL;
  return bbh_list_steal (list, out_total);
}

gboolean
bbh_check_phone (const char  *value,
                 const char  *what,
                 GError     **error)
{
  gsize len;

  if (value == NULL || *value == '\0')
    {
      /* Translators: %s names the field, such as “phone number” */
      g_set_error (error, BBH_ERROR, BBH_ERROR_INVALID, _("The %s is empty."), what);
      return FALSE;
    }

  len = strlen (value);
  if (len > 32)
    {
      g_set_error (error, BBH_ERROR, BBH_ERROR_INVALID,
                   _("The %s is too long: at most 32 digits."), what);
      return FALSE;
    }

  for (gsize i = 0; i < len; i++)
    {
      char c = value[i];

      if (g_ascii_isdigit (c) || c == '*' || c == '#' || (c == '+' && i == 0))
        continue;
      g_set_error (error, BBH_ERROR, BBH_ERROR_INVALID,
                   _("The %s may contain only digits, and + * #."), what);
      return FALSE;
    }
  return TRUE;
}

static void
bbh_client_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  BbhClient *self = BBH_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_ACCOUNT:
      g_value_set_string (value, self->account);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bbh_client_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  BbhClient *self = BBH_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_free (self->base_url);
      self->base_url = normalize_base_url (g_value_get_string (value));
      g_free (self->api_url);
      self->api_url = g_strconcat (self->base_url, "/voip/api/jsondata.html", NULL);
      break;
    case PROP_ACCOUNT:
      g_free (self->account);
      self->account = g_strdup (g_value_get_string (value));
      break;
    case PROP_PASSWORD_MD5:
      g_free (self->password_md5);
      self->password_md5 = g_ascii_strup (g_value_get_string (value) ? g_value_get_string (value) : "", -1);
      break;
    case PROP_TIMEOUT:
      bbh_client_set_timeout (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bbh_client_dispose (GObject *object)
{
  BbhClient *self = BBH_CLIENT (object);

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (bbh_client_parent_class)->dispose (object);
}

static void
bbh_client_finalize (GObject *object)
{
  BbhClient *self = BBH_CLIENT (object);

  g_free (self->base_url);
  g_free (self->api_url);
  g_free (self->account);
  if (self->password_md5 != NULL)
    memset (self->password_md5, 0, strlen (self->password_md5));
  g_free (self->password_md5);

  G_OBJECT_CLASS (bbh_client_parent_class)->finalize (object);
}

static void
bbh_client_class_init (BbhClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = bbh_client_get_property;
  object_class->set_property = bbh_client_set_property;
  object_class->dispose = bbh_client_dispose;
  object_class->finalize = bbh_client_finalize;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCOUNT] =
    g_param_spec_string ("account", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Write-only: nobody reads the secret back out of the client. */
  properties[PROP_PASSWORD_MD5] =
    g_param_spec_string ("password-md5", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 0, 3600, DEFAULT_TIMEOUT_S,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BbhClient::request-finished:
   * @method: the method name
   * @ms: wall time from send to parsed answer
   * @ok: whether it succeeded
   *
   * Emitted for every request that was not cancelled, for the trace.
   */
  signals[REQUEST_FINISHED] =
    g_signal_new ("request-finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_DOUBLE, G_TYPE_BOOLEAN);
}

static void
bbh_client_init (BbhClient *self)
{
  g_autofree char *user_agent = g_strdup_printf ("babaihu-agent/%s ", PACKAGE_VERSION);

  self->timeout = DEFAULT_TIMEOUT_S;
  self->long_poll_timeout = LONG_POLL_TIMEOUT_S;
  /* No session-wide timeout: each call arms its own, so a long poll can wait longer. */
  self->session = soup_session_new_with_options ("user-agent", user_agent,
                                                 "timeout", 0,
                                                 "idle-timeout", 60,
                                                 "max-conns-per-host", 6,
                                                 NULL);
}

/**
 * bbh_client_new:
 * @base_url: `http(s)://host[:port]`; a bare `host:port` means http
 * @account: the 9-digit account (company number and extension)
 * @password_md5: the 32-hex MD5 of the password, see bbh_password_md5()
 *
 * Returns: (transfer full): a new client. Nothing is sent until a method is called.
 */
BbhClient *
bbh_client_new (const char *base_url,
                const char *account,
                const char *password_md5)
{
  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (account != NULL, NULL);
  g_return_val_if_fail (password_md5 != NULL, NULL);

  return g_object_new (BBH_TYPE_CLIENT,
                       "base-url", base_url,
                       "account", account,
                       "password-md5", password_md5,
                       NULL);
}

const char *
bbh_client_get_base_url (BbhClient *self)
{
  g_return_val_if_fail (BBH_IS_CLIENT (self), NULL);
  return self->base_url;
}

const char *
bbh_client_get_account (BbhClient *self)
{
  g_return_val_if_fail (BBH_IS_CLIENT (self), NULL);
  return self->account;
}

guint
bbh_client_get_timeout (BbhClient *self)
{
  g_return_val_if_fail (BBH_IS_CLIENT (self), 0);
  return self->timeout;
}

void
bbh_client_set_timeout (BbhClient *self,
                        guint      seconds)
{
  g_return_if_fail (BBH_IS_CLIENT (self));

  if (self->timeout == seconds)
    return;
  self->timeout = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

void
bbh_client_set_long_poll_timeout (BbhClient *self,
                                  guint      seconds)
{
  g_return_if_fail (BBH_IS_CLIENT (self));
  self->long_poll_timeout = seconds;
}

gboolean
bbh_client_is_encrypted (BbhClient *self)
{
  g_return_val_if_fail (BBH_IS_CLIENT (self), FALSE);
  return g_str_has_prefix (self->base_url, "https://");
}

/* Plain http is fine on this machine: a "not encrypted" mark is for everything else. */
gboolean
bbh_client_is_loopback (BbhClient *self)
{
  g_autoptr(GUri) uri = NULL;
  const char *host;

  g_return_val_if_fail (BBH_IS_CLIENT (self), FALSE);

  uri = g_uri_parse (self->base_url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || (host = g_uri_get_host (uri)) == NULL)
    return FALSE;
  return g_str_equal (host, "localhost") || g_str_has_prefix (host, "127.") || g_str_equal (host, "::1")
         || g_str_equal (host, "[::1]");
}

/* 2.1.1 getExtension */

void
bbh_client_get_extension_async (BbhClient           *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  bbh_client_call_async (self, "getExtension", NULL, BBH_CALL_DEFAULT,
                         bbh_extension_parse, g_object_unref,
                         bbh_client_get_extension_async,
                         cancellable, callback, user_data);
}

/**
 * bbh_client_get_extension_finish:
 *
 * Returns: (transfer full): the logged-in agent; %BBH_ERROR_AUTH for a wrong account or
 *   password.
 */
BbhExtension *
bbh_client_get_extension_finish (BbhClient     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return bbh_client_call_finish (self, result, bbh_client_get_extension_async, error);
}

/* For the recording download (bbh-client-events.c): one keep-alive session per client. */
SoupSession *
bbh_client_get_session (BbhClient *self)
{
  g_return_val_if_fail (BBH_IS_CLIENT (self), NULL);
  return self->session;
}

/* `sa_user=…&sa_password=…`, escaped, for URLs outside jsondata.html that need the base
 * authentication (the MP3 download). The result holds the secret: never log it. */
char *
bbh_client_dup_auth_query (BbhClient *self)
{
  GString *s;

  g_return_val_if_fail (BBH_IS_CLIENT (self), NULL);

  s = g_string_new (NULL);
  append_param (s, "sa_user", self->account);
  append_param (s, "sa_password", self->password_md5);
  return g_string_free (s, FALSE);
}
