/* bbh-test-server.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libsoup/soup.h>

#include "bbh-test-server.h"

typedef struct
{
  char   *method;
  guint   status;
  char   *content_type;
  char   *body;
  guint   delay_ms;
} Answer;

struct _BbhTestServer
{
  SoupServer *server;
  GQueue      answers;
  GPtrArray  *requests;
  GHashTable *files;       /* path → GBytes */
  GHashTable *file_types;  /* path → content type */
  GList      *delayed;     /* held answers not sent yet */
  char       *url;
};

static void
answer_free (Answer *a)
{
  g_free (a->method);
  g_free (a->content_type);
  g_free (a->body);
  g_free (a);
}

static void
part_free (BbhTestPart *p)
{
  g_free (p->name);
  g_free (p->filename);
  g_free (p->content_type);
  g_clear_pointer (&p->data, g_bytes_unref);
  g_free (p);
}

/* Every part goes to r->parts; a plain field (no filename) also to r->params. */
static void
decode_multipart (BbhTestRequest    *r,
                  SoupServerMessage *msg,
                  GBytes            *body)
{
  SoupMultipart *multipart;

  multipart = soup_multipart_new_from_message (soup_server_message_get_request_headers (msg), body);
  if (multipart == NULL)
    return;

  for (int i = 0; i < soup_multipart_get_length (multipart); i++)
    {
      SoupMessageHeaders *headers = NULL;
      GBytes *data = NULL;
      g_autofree char *disposition = NULL;
      g_autoptr(GHashTable) dparams = NULL;
      BbhTestPart *part;

      if (!soup_multipart_get_part (multipart, i, &headers, &data))
        continue;

      part = g_new0 (BbhTestPart, 1);
      if (soup_message_headers_get_content_disposition (headers, &disposition, &dparams))
        {
          part->name = g_strdup (g_hash_table_lookup (dparams, "name"));
          part->filename = g_strdup (g_hash_table_lookup (dparams, "filename"));
        }
      part->content_type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));
      part->data = g_bytes_ref (data);
      if (part->name != NULL && part->filename == NULL)
        g_hash_table_insert (r->params, g_strdup (part->name),
                             g_strndup (g_bytes_get_data (data, NULL), g_bytes_get_size (data)));
      g_ptr_array_add (r->parts, part);
    }

  soup_multipart_free (multipart);
}

BbhTestPart *
bbh_test_request_get_part (BbhTestRequest *r,
                           const char     *name)
{
  g_hash_table_add (r->checked, g_strdup (name));
  for (guint i = 0; r->parts != NULL && i < r->parts->len; i++)
    {
      BbhTestPart *part = g_ptr_array_index (r->parts, i);

      if (g_strcmp0 (part->name, name) == 0)
        return part;
    }
  return NULL;
}

static int
compare_names (const void *a,
               const void *b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static char *
join_sorted_keys (GHashTable *table)
{
  g_autofree const char **keys = (const char **) g_hash_table_get_keys_as_array (table, NULL);

  qsort (keys, g_hash_table_size (table), sizeof (char *), compare_names);
  return g_strjoinv (",", (char **) keys);
}

/* One line a request: test path, method, the names sent, the names the test read. */
static void
write_audit (BbhTestServer *self)
{
  const char *path = g_getenv ("BBH_TEST_AUDIT");
  g_autoptr(GString) text = NULL;
  FILE *file;

  if (path == NULL || *path == '\0' || self->requests->len == 0)
    return;

  text = g_string_new (NULL);
  for (guint i = 0; i < self->requests->len; i++)
    {
      BbhTestRequest *r = g_ptr_array_index (self->requests, i);
      g_autoptr(GHashTable) sent = g_hash_table_new (g_str_hash, g_str_equal);
      g_autofree char *sent_text = NULL;
      g_autofree char *checked_text = NULL;
      GHashTableIter iter;
      gpointer key;
      const char *method = g_hash_table_lookup (r->params, "method");

      g_hash_table_iter_init (&iter, r->params);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (sent, key);
      for (guint j = 0; r->parts != NULL && j < r->parts->len; j++)
        {
          BbhTestPart *part = g_ptr_array_index (r->parts, j);

          if (part->name != NULL)
            g_hash_table_add (sent, part->name);
        }
      sent_text = join_sorted_keys (sent);
      checked_text = join_sorted_keys (r->checked);
      g_string_append_printf (text, "%s\t%s\t%s\t%s\n",
                              g_test_get_path () ? g_test_get_path () : "",
                              method != NULL ? method : r->path, sent_text, checked_text);
    }

  file = fopen (path, "a");
  if (file == NULL)
    return;
  fputs (text->str, file);
  fclose (file);
}

static void
request_free (BbhTestRequest *r)
{
  g_clear_pointer (&r->parts, g_ptr_array_unref);
  g_free (r->http_method);
  g_free (r->path);
  g_free (r->query);
  g_free (r->content_type);
  g_clear_pointer (&r->params, g_hash_table_unref);
  g_clear_pointer (&r->checked, g_hash_table_unref);
  g_free (r);
}

static Answer *
take_answer (BbhTestServer *self,
             const char    *method)
{
  for (GList *l = self->answers.head; l; l = l->next)
    {
      Answer *a = l->data;

      if (a->method == NULL || g_strcmp0 (a->method, method) == 0)
        {
          g_queue_delete_link (&self->answers, l);
          return a;
        }
    }
  return NULL;
}

typedef struct
{
  BbhTestServer     *server;
  SoupServerMessage *msg;
  Answer            *answer;
  guint              timeout_id;
} Delayed;

static void
delayed_free (Delayed *d)
{
  g_clear_handle_id (&d->timeout_id, g_source_remove);
  g_object_unref (d->msg);
  answer_free (d->answer);
  g_free (d);
}

static void
send_answer (SoupServerMessage *msg,
             Answer            *a)
{
  soup_server_message_set_status (msg, a->status, NULL);
  soup_server_message_set_response (msg, a->content_type, SOUP_MEMORY_COPY, a->body, strlen (a->body));
}

static gboolean
on_delay_cb (gpointer data)
{
  Delayed *d = data;

  d->timeout_id = 0;
  d->server->delayed = g_list_remove (d->server->delayed, d);
  send_answer (d->msg, d->answer);
  soup_server_message_unpause (d->msg);
  delayed_free (d);
  return G_SOURCE_REMOVE;
}

static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  BbhTestServer *self = user_data;
  BbhTestRequest *req = g_new0 (BbhTestRequest, 1);

  req->checked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GUri *uri = soup_server_message_get_uri (msg);
  const char *method;
  GBytes *file;
  Answer *a;

  req->http_method = g_strdup (soup_server_message_get_method (msg));
  req->path = g_strdup (path);
  req->query = g_strdup (g_uri_get_query (uri));
  req->content_type = g_strdup (soup_message_headers_get_content_type (soup_server_message_get_request_headers (msg), NULL));
  req->parts = g_ptr_array_new_with_free_func ((GDestroyNotify) part_free);

  if (g_str_equal (req->http_method, "POST"))
    {
      SoupMessageBody *body = soup_server_message_get_request_body (msg);
      g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
      g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

      if (req->content_type != NULL && g_str_has_prefix (req->content_type, "multipart/"))
        {
          req->params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
          decode_multipart (req, msg, bytes);
        }
      else
        req->params = soup_form_decode (text);
      if (query != NULL)
        {
          GHashTableIter iter;
          gpointer k, v;

          g_hash_table_iter_init (&iter, query);
          while (g_hash_table_iter_next (&iter, &k, &v))
            if (!g_hash_table_contains (req->params, k))
              g_hash_table_insert (req->params, g_strdup (k), g_strdup (v));
        }
    }
  else if (query != NULL)
    req->params = g_hash_table_ref (query);
  else
    req->params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_ptr_array_add (self->requests, req);

  file = g_hash_table_lookup (self->files, path);
  if (file != NULL)
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, g_hash_table_lookup (self->file_types, path),
                                        SOUP_MEMORY_COPY,
                                        g_bytes_get_data (file, NULL), g_bytes_get_size (file));
      return;
    }

  method = g_hash_table_lookup (req->params, "method");
  a = take_answer (self, method);
  if (a == NULL)
    {
      static const char ok[] = "{\"code\":0}";

      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, ok, strlen (ok));
      return;
    }

  if (a->delay_ms > 0)
    {
      Delayed *d = g_new0 (Delayed, 1);

      d->server = self;
      d->msg = g_object_ref (msg);
      d->answer = a;
      soup_server_message_pause (msg);
      d->timeout_id = g_timeout_add (a->delay_ms, on_delay_cb, d);
      self->delayed = g_list_prepend (self->delayed, d);
      return;
    }

  send_answer (msg, a);
  answer_free (a);
}

BbhTestServer *
bbh_test_server_new (void)
{
  BbhTestServer *self = g_new0 (BbhTestServer, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  self->server = soup_server_new (NULL, NULL);
  self->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) request_free);
  self->files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  self->file_types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_queue_init (&self->answers);
  soup_server_add_handler (self->server, NULL, on_request_cb, self, NULL);

  soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (self->server);
  g_assert_nonnull (uris);
  self->url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  /* The base URL, without the trailing slash. */
  if (g_str_has_suffix (self->url, "/"))
    self->url[strlen (self->url) - 1] = '\0';

  return self;
}

void
bbh_test_server_free (BbhTestServer *self)
{
  if (self == NULL)
    return;
  /* A held answer must not fire into a server that is gone (it would in a later test). */
  g_list_free_full (g_steal_pointer (&self->delayed), (GDestroyNotify) delayed_free);
  write_audit (self);
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_queue_clear_full (&self->answers, (GDestroyNotify) answer_free);
  g_ptr_array_unref (self->requests);
  g_hash_table_unref (self->files);
  g_hash_table_unref (self->file_types);
  g_free (self->url);
  g_free (self);
}

char *
bbh_test_server_dup_url (BbhTestServer *self)
{
  return g_strdup (self->url);
}

void
bbh_test_server_queue (BbhTestServer *self,
                       const char    *method,
                       guint          status,
                       const char    *content_type,
                       const char    *body)
{
  Answer *a = g_new0 (Answer, 1);

  a->method = g_strdup (method);
  a->status = status;
  a->content_type = g_strdup (content_type ? content_type : "application/json");
  a->body = g_strdup (body ? body : "");
  g_queue_push_tail (&self->answers, a);
}

void
bbh_test_server_queue_json (BbhTestServer *self,
                            const char    *method,
                            const char    *json)
{
  bbh_test_server_queue (self, method, 200, "application/json", json);
}

void
bbh_test_server_queue_delayed (BbhTestServer *self,
                               const char    *method,
                               guint          delay_ms,
                               const char    *json)
{
  bbh_test_server_queue (self, method, 200, "application/json", json);
  ((Answer *) self->answers.tail->data)->delay_ms = delay_ms;
}

void
bbh_test_server_add_file (BbhTestServer *self,
                          const char    *path,
                          const char    *content_type,
                          GBytes        *data)
{
  g_hash_table_insert (self->files, g_strdup (path), g_bytes_ref (data));
  g_hash_table_insert (self->file_types, g_strdup (path), g_strdup (content_type));
}

guint
bbh_test_server_get_n_requests (BbhTestServer *self)
{
  return self->requests->len;
}

BbhTestRequest *
bbh_test_server_get_request (BbhTestServer *self,
                             guint          index)
{
  g_assert_cmpuint (index, <, self->requests->len);
  return g_ptr_array_index (self->requests, index);
}

BbhTestRequest *
bbh_test_server_get_last (BbhTestServer *self)
{
  g_assert_cmpuint (self->requests->len, >, 0);
  return g_ptr_array_index (self->requests, self->requests->len - 1);
}

guint
bbh_test_server_count_method (BbhTestServer *self,
                              const char    *method)
{
  guint n = 0;

  for (guint i = 0; i < self->requests->len; i++)
    {
      BbhTestRequest *r = g_ptr_array_index (self->requests, i);

      if (g_strcmp0 (g_hash_table_lookup (r->params, "method"), method) == 0)
        n++;
    }
  return n;
}

static gboolean
on_wait_timeout_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

void
bbh_test_wait_for (gboolean *done,
                   guint     timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, on_wait_timeout_cb, &timed_out);

  while (!*done && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  if (!*done)
    g_error ("timed out after %u ms waiting for a condition", timeout_ms);
}

/* The shared fixture */

static void
fixture_set_up_as (BbhTestFixture *f,
                   const char     *user,
                   const char     *password)
{
  g_autofree char *url = NULL;
  g_autofree char *md5 = bbh_password_md5 (password);

  f->server = bbh_test_server_new ();
  url = bbh_test_server_dup_url (f->server);
  f->client = bbh_client_new (url, user, md5);
}

void
bbh_test_fixture_set_up (BbhTestFixture *f,
                         gconstpointer   data)
{
  fixture_set_up_as (f, "100008800", "02367073578");
}

void
bbh_test_fixture_set_up_admin (BbhTestFixture *f,
                               gconstpointer   data)
{
  fixture_set_up_as (f, "100008899", "800ing-admin");
}

void
bbh_test_fixture_tear_down (BbhTestFixture *f,
                            gconstpointer   data)
{
  g_clear_object (&f->result);
  g_assert_finalize_object (f->client);
  bbh_test_server_free (f->server);
}

BbhTestFixture *
bbh_test_fixture_reset (BbhTestFixture *f)
{
  f->done = FALSE;
  g_clear_object (&f->result);
  return f;
}

void
bbh_test_on_result (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  BbhTestFixture *f = user_data;

  g_assert_null (f->result);
  f->result = g_object_ref (result);
  f->done = TRUE;
}

void
bbh_test_fixture_wait_result (BbhTestFixture *f)
{
  bbh_test_wait_for (&f->done, 20000);
}

const char *
bbh_test_param (BbhTestRequest *request,
                const char     *name)
{
  g_hash_table_add (request->checked, g_strdup (name));
  return g_hash_table_lookup (request->params, name);
}

/* The request carries exactly the administrator's authentication, the method and @expected (NULL-terminated
 * name/value pairs) — nothing else, so an unset field is provably not sent. */
void
bbh_test_assert_admin_params (BbhTestRequest *req,
                              const char     *method,
                              ...)
{
  va_list args;
  const char *name;
  guint n = 3;

  g_assert_cmpstr (bbh_test_param (req, "method"), ==, method);
  g_assert_cmpstr (bbh_test_param (req, "sa_user"), ==, "100008899");
  g_assert_nonnull (bbh_test_param (req, "sa_password"));

  va_start (args, method);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);

      g_test_message ("param %s", name);
      g_assert_cmpstr (bbh_test_param (req, name), ==, value);
      n++;
    }
  va_end (args);

  if (g_hash_table_size (req->params) != n)
    {
      GHashTableIter iter;
      gpointer k, v;

      g_hash_table_iter_init (&iter, req->params);
      while (g_hash_table_iter_next (&iter, &k, &v))
        g_test_message ("sent %s=%s", (char *) k, (char *) v);
    }
  g_assert_cmpuint (g_hash_table_size (req->params), ==, n);
}
