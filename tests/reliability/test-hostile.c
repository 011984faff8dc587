/* test-hostile.c — hostile text from the server, hostile input from the agent
 *
 * A proxy SoupServer sits between the application and a real babaihu-sandbox and rewrites
 * every answer (except the event feed, which must keep flowing): names, memos, addresses,
 * areas and the like become 50 hostile values in turn — Pango markup, a 10,000-character
 * name, NUL bytes and lone surrogates (as JSON escapes), right-to-left text, emoji, format
 * strings, SQL, HTML — dates become dates in the wrong format, durations negative or huge.
 * The whole application then logs in through it, pops a call, and shows every page. The test
 * asserts what the agent would see: no crash and no critical (G_DEBUG=fatal-warnings), and
 * no label shows a value as markup — `<b>bold-01</b>` is either shown as those 14
 * characters, or not at all, never as a bold "bold-01". A body that is not UTF-8 at all is a
 * protocol error told in words.
 *
 * Hostile input: numbers with letters, a 1,000-digit number and quotes never reach the server
 * (its request log) and the agent is told why; a screen-pop URL template with quotes cannot
 * be broken out of by a hostile phone number; CSV files in GBK and in broken UTF-8 are read
 * or refused in words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>

#include "agent-csv.h"
#include "agent-popup-manager.h"
#include "agent-window.h"
#include "reliab-util.h"

/* The child logs in, pops a call and shows every page: under a minute normally, several
 * under AddressSanitizer with GTK drawing through cairo (make check-sanitize), where each page
 * also gets three times the usual wait. */
#if defined(__SANITIZE_ADDRESS__)
#define HOSTILE_PAGE_MS (3 * INTEG_TIMEOUT_MS)
#define HOSTILE_CHILD_S 480
#else
#define HOSTILE_PAGE_MS INTEG_TIMEOUT_MS
#define HOSTILE_CHILD_S 150
#endif
#include "test-app-util.h"

/* JSON cannot carry these in a C string: the proxy writes the escapes into the text. */
#define NUL_MARK   "@@NUL@@"
#define SURR_MARK  "@@SURROGATE@@"

static const char *hostile_text[] = {
  "<b>bold-01</b>",
  "<span foreground=\"red\">red-02</span>",
  "<i>open-03",
  "a < b & c > d-04",
  "AT&amp;T-05",
  "&lt;escaped-06&gt;",
  "<big><u>under-07</u></big>",
  "</span>close-08",
  "<a href=\"http://example.invalid\">link-09</a>",
  "<tt>mono-10</tt>",
  NULL,   /* 11: the 10,000-character name, made at run time */
  "nul" NUL_MARK "byte-12",
  "مرحبا بالعالم-13",
  "\xe2\x80\xae" "evil-14",                           /* U+202E right-to-left override */
  "שלום עולם-15",
  "😀👍🏽-16",
  "👨‍👩‍👧‍👦-17",
  "🇨🇳-18",
  "Z̷̢͈̓a̴̛͓l̶g̵o̸-19",
  "%s%s%n%x-20",
  "{0}{1}-21",
  "${jndi:ldap://example.invalid/a}-22",
  "'; DROP TABLE customers;--23",
  "\" OR 1=1 --24",
  "line1\nline2\r\n-25",
  "\t\ttab-26",
  "<script>alert(27)</script>",
  "<img src=x onerror=alert(28)>",
  "   -29",
  "\xe2\x80\x8b" "zero-width-30",
  "\xef\xbb\xbf" "bom-31",
  "张三-32",
  "../../etc/passwd-33",
  "C:\\Windows\\win.ini-34",
  "lone" SURR_MARK "surrogate-35",
  NULL,   /* 36: a 2,000-character word, made at run time */
  "tel:13800138000;ext=1-37",
  "\\-38",
  "\"quoted\"-39",
  "&#x41;&#65;-40",
};

static const char *hostile_dates[] = {
  "2024-13-45 25:61:61",
  "not a date",
  "0000-00-00 00:00:00",
  "1970-01-01T00:00:00Z",
  "",
};

static const char *hostile_numbers[] = {
  "-5", "1e308", "99999999999999999999", "-99999999999",
  "0",
};

#define N_HOSTILE (G_N_ELEMENTS (hostile_text) + G_N_ELEMENTS (hostile_dates) + \
                   G_N_ELEMENTS (hostile_numbers))
G_STATIC_ASSERT (N_HOSTILE == 50);

static char *long_name;
static char *long_word;

static const char *
text_value (guint i)
{
  i %= G_N_ELEMENTS (hostile_text);
  if (i == 10)
    return long_name;
  if (i == 35)
    return long_word;
  return hostile_text[i];
}

/* ---- the proxy ---- */

typedef struct
{
  IntegFixture  f;
  SoupServer   *server;
  SoupSession  *upstream;
  char         *url;
  guint         next_text;
  guint         next_date;
  guint         next_number;
  char         *raw_invalid_method;   /* answer this one with bytes that are not UTF-8 */
  guint         n_rewritten;
} Hostile;

static gboolean
key_has (const char *key,
         const char * const *parts)
{
  g_autofree char *lower = g_ascii_strdown (key, -1);

  for (guint i = 0; parts[i] != NULL; i++)
    if (strstr (lower, parts[i]) != NULL)
      return TRUE;
  return FALSE;
}

static const char * const text_keys[] = {
  "name", "memo", "addr", "remark", "area", "city", "prov", "other", "title", "note",
  "desc", "text", "corp", "sex", "qq", NULL,
};
static const char * const date_keys[] = { "time", "date", "birthday", NULL };
static const char * const number_keys[] = { "talk", "duration", "billsec", "charging", NULL };

static void
rewrite_node (Hostile  *h,
              JsonNode *node);

static void
rewrite_object (Hostile    *h,
                JsonObject *object)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      JsonNode *value = json_object_get_member (object, key);

      if (JSON_NODE_HOLDS_OBJECT (value) || JSON_NODE_HOLDS_ARRAY (value))
        {
          rewrite_node (h, value);
          continue;
        }
      if (!JSON_NODE_HOLDS_VALUE (value))
        continue;

      if (json_node_get_value_type (value) == G_TYPE_STRING && key_has (key, date_keys))
        {
          json_object_set_string_member (object, key,
                                         hostile_dates[h->next_date++ % G_N_ELEMENTS (hostile_dates)]);
          h->n_rewritten++;
        }
      else if (json_node_get_value_type (value) == G_TYPE_STRING && key_has (key, text_keys))
        {
          json_object_set_string_member (object, key, text_value (h->next_text++));
          h->n_rewritten++;
        }
      else if (json_node_get_value_type (value) != G_TYPE_STRING && key_has (key, number_keys))
        {
          /* Written as raw JSON numbers below: a placeholder carries them through. */
          g_autofree char *mark = g_strdup_printf ("@@NUMBER%u@@",
                                                   (guint) (h->next_number++ % G_N_ELEMENTS (hostile_numbers)));

          json_object_set_string_member (object, key, mark);
          h->n_rewritten++;
        }
    }
}

static void
rewrite_node (Hostile  *h,
              JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    rewrite_object (h, json_node_get_object (node));
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        rewrite_node (h, json_array_get_element (array, i));
    }
}

static char *
replace_all (const char *text,
             const char *from,
             const char *to)
{
  g_auto(GStrv) parts = g_strsplit (text, from, -1);

  return g_strjoinv (to, parts);
}

/* The answer with hostile values, as JSON text (with the escapes a C string cannot hold). */
static char *
rewrite_answer (Hostile    *h,
                const char *method,
                GBytes     *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                   NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  rewrite_node (h, root);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);

  {
    g_autofree char *a = replace_all (text, NUL_MARK, "\\u0000");
    g_autofree char *b = replace_all (a, SURR_MARK, "\\ud800");
    char *c = g_strdup (b);

    for (guint i = 0; i < G_N_ELEMENTS (hostile_numbers); i++)
      {
        g_autofree char *mark = g_strdup_printf ("\"@@NUMBER%u@@\"", i);
        char *next = replace_all (c, mark, hostile_numbers[i]);

        g_free (c);
        c = next;
      }
    return c;
  }
}

typedef struct
{
  Hostile           *h;
  SoupServerMessage *msg;
  SoupMessage       *upstream;
  char              *method;
  gulong             disconnected_id;
  gboolean           gone;      /* the app hung up first (a long poll it cancelled) */
} Forward;

static void
on_client_gone_cb (SoupServerMessage *msg,
                   gpointer           user_data)
{
  Forward *fw = user_data;

  fw->gone = TRUE;
}

static void
on_forwarded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Forward *fw = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  static const char * const untouched[] = {
    "recvMsg", "getLongWaterLine", "setUserCheckInOut", "sendMsg", NULL,
  };

  g_clear_signal_handler (&fw->disconnected_id, fw->msg);
  if (fw->gone)
    {
      /* Nobody to answer. */
    }
  else if (body == NULL)
    soup_server_message_set_status (fw->msg, SOUP_STATUS_BAD_GATEWAY, NULL);
  else
    {
      const char *type = soup_message_headers_get_content_type (
                           soup_message_get_response_headers (fw->upstream), NULL);
      g_autofree char *rewritten = NULL;

      if (fw->method != NULL && !g_strv_contains (untouched, fw->method)
          && g_strcmp0 (type, "application/json") == 0)
        rewritten = rewrite_answer (fw->h, fw->method, body);

      soup_server_message_set_status (fw->msg, soup_message_get_status (fw->upstream), NULL);
      if (rewritten != NULL)
        {
          gsize length = strlen (rewritten);

          soup_server_message_set_response (fw->msg, "application/json;charset=UTF-8",
                                            SOUP_MEMORY_TAKE, g_steal_pointer (&rewritten), length);
        }
      else
        soup_server_message_set_response (fw->msg, type ? type : "application/octet-stream",
                                          SOUP_MEMORY_COPY, g_bytes_get_data (body, NULL),
                                          g_bytes_get_size (body));
    }
  if (!fw->gone)
    soup_server_message_unpause (fw->msg);
  g_object_unref (fw->msg);
  g_object_unref (fw->upstream);
  g_free (fw->method);
  g_free (fw);
}

static const char invalid_utf8[] =
  "{\"code\":0,\"total\":1,\"rows\":[{\"cmmId\":1,\"cmmMemo\":\"\xff\xfe\xc3\x28 not text\"}]}";

static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  Hostile *h = user_data;
  GUri *uri = soup_server_message_get_uri (msg);
  SoupMessageBody *request_body = soup_server_message_get_request_body (msg);
  g_autoptr(GHashTable) form = NULL;
  g_autofree char *url = NULL;
  const char *method = query != NULL ? g_hash_table_lookup (query, "method") : NULL;
  Forward *fw;

  if (method == NULL && request_body->length > 0)
    {
      g_autoptr(GBytes) flat = soup_message_body_flatten (request_body);
      g_autofree char *text = g_strndup (g_bytes_get_data (flat, NULL), g_bytes_get_size (flat));

      form = soup_form_decode (text);
      method = g_hash_table_lookup (form, "method");
    }

  if (method != NULL && g_strcmp0 (method, h->raw_invalid_method) == 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/json;charset=UTF-8", SOUP_MEMORY_STATIC,
                                        invalid_utf8, sizeof invalid_utf8 - 1);
      return;
    }

  url = g_strconcat (h->f.url, g_uri_get_path (uri), g_uri_get_query (uri) ? "?" : "",
                     g_uri_get_query (uri) ? g_uri_get_query (uri) : "", NULL);
  fw = g_new0 (Forward, 1);
  fw->h = h;
  fw->msg = g_object_ref (msg);
  fw->method = g_strdup (method);
  fw->upstream = soup_message_new (soup_server_message_get_method (msg), url);
  g_assert_nonnull (fw->upstream);
  if (request_body->length > 0)
    {
      g_autoptr(GBytes) flat = soup_message_body_flatten (request_body);
      const char *type = soup_message_headers_get_content_type (
                           soup_server_message_get_request_headers (msg), NULL);

      soup_message_set_request_body_from_bytes (fw->upstream, type, flat);
    }
  fw->disconnected_id = g_signal_connect (msg, "disconnected", G_CALLBACK (on_client_gone_cb), fw);
  soup_server_message_pause (msg);
  soup_session_send_and_read_async (h->upstream, fw->upstream, G_PRIORITY_DEFAULT, NULL,
                                    on_forwarded_cb, fw);
}

static void
hostile_start (Hostile *h)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  GSList *uris;

  if (long_name == NULL)
    {
      GString *name = g_string_new (NULL);
      GString *word = g_string_new (NULL);

      for (guint i = 0; i < 10000 - 3; i++)
        g_string_append (name, i % 7 == 6 ? " " : "长");
      g_string_append (name, "-11");
      for (guint i = 0; i < 2000 - 3; i++)
        g_string_append_c (word, 'w');
      g_string_append (word, "-36");
      long_name = g_string_free (name, FALSE);
      long_word = g_string_free (word, FALSE);
      g_assert_cmpint (g_utf8_strlen (long_name, -1), ==, 10000);
    }

  integ_set_up (&h->f, NULL);
  h->upstream = g_object_new (SOUP_TYPE_SESSION, "max-conns", 200, "max-conns-per-host", 200,
                              "timeout", 60, NULL);
  h->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (h->server, NULL, on_request_cb, h, NULL);
  soup_server_listen (h->server, address, 0, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (h->server);
  h->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
}

static void
hostile_stop (Hostile *h)
{
  soup_server_disconnect (h->server);
  g_clear_object (&h->server);
  g_clear_object (&h->upstream);
  g_clear_pointer (&h->url, g_free);
  g_clear_pointer (&h->raw_invalid_method, g_free);
  integ_tear_down (&h->f, NULL);
}

/* ---- what the screen shows ---- */

static void
collect_texts (GtkWidget *widget,
               GPtrArray *texts)
{
  if (!gtk_widget_get_visible (widget))
    return;

  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (widget))));
  else if (GTK_IS_INSCRIPTION (widget) && gtk_inscription_get_text (GTK_INSCRIPTION (widget)))
    g_ptr_array_add (texts, g_strdup (gtk_inscription_get_text (GTK_INSCRIPTION (widget))));
  else if (GTK_IS_EDITABLE (widget) && gtk_editable_get_delegate (GTK_EDITABLE (widget)) == NULL)
    g_ptr_array_add (texts, g_strdup (gtk_editable_get_text (GTK_EDITABLE (widget))));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_texts (child, texts);
}

static GPtrArray *
screen_texts (void)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      collect_texts (window, texts);
    }
  return texts;
}

/* The hostile values a label shows as they are, and the ones a label shows as markup. */
static guint
check_screen (const char *where,
              GPtrArray  *violations)
{
  g_autoptr(GPtrArray) texts = screen_texts ();
  guint literal = 0;

  for (guint v = 0; v < G_N_ELEMENTS (hostile_text); v++)
    {
      const char *value = text_value (v);
      g_autofree char *stripped = NULL;
      gboolean shown = FALSE;

      if (strstr (value, "@@") != NULL)
        continue;

      for (guint t = 0; t < texts->len; t++)
        if (strstr (g_ptr_array_index (texts, t), value) != NULL)
          shown = TRUE;
      literal += shown;

      /* What the value looks like when a label takes it as markup. */
      if (!pango_parse_markup (value, -1, 0, NULL, &stripped, NULL, NULL)
          || g_str_equal (stripped, value) || *stripped == '\0')
        continue;
      for (guint t = 0; t < texts->len; t++)
        {
          const char *text = g_ptr_array_index (texts, t);

          if (strstr (text, stripped) != NULL && strstr (text, value) == NULL)
            g_ptr_array_add (violations,
                             g_strdup_printf ("%s: a label shows \"%s\" as markup (\"%s\")",
                                              where, value, text));
        }
    }
  /* A window as wide as a 10,000-character name is past what X11 allows (32,767 px). */
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);
        int min_width = 0, nat_width = 0;

        if (!gtk_widget_get_visible (window))
          continue;
        gtk_widget_measure (window, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, &nat_width,
                            NULL, NULL);
        if (min_width > 4000 || gtk_widget_get_width (window) > 4000)
          g_ptr_array_add (violations,
                           g_strdup_printf ("%s: the %s is %d px wide (at least %d px)", where,
                                            G_OBJECT_TYPE_NAME (window),
                                            gtk_widget_get_width (window), min_width));
      }
  }

  if (where != NULL)
    g_test_message ("%s: %u labels, %u hostile values shown as they are", where, texts->len,
                    literal);
  return literal;
}

/* ---- criticals ---- */

/* Every warning or critical is recorded with where it happened (the widget it names, with its
 * ancestors and their texts) and fails the test at the end — all of them, not only the first. */
static GPtrArray *criticals;

static void
describe_widget (GString   *out,
                 GtkWidget *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      g_string_append_printf (out, " < %s", G_OBJECT_TYPE_NAME (w));
      if (gtk_widget_get_name (w) != NULL && !g_str_equal (gtk_widget_get_name (w),
                                                           G_OBJECT_TYPE_NAME (w)))
        g_string_append_printf (out, "#%s", gtk_widget_get_name (w));
    }
  if (GTK_IS_WIDGET (widget))
    {
      g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        if (GTK_IS_LABEL (child))
          g_ptr_array_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (child))));
      for (guint i = 0; i < texts->len && i < 4; i++)
        g_string_append_printf (out, " [label \"%.60s\"]", (char *) g_ptr_array_index (texts, i));
    }
}

static gboolean recording;

/* While recording, warnings and criticals are kept instead of aborting the test
 * (G_DEBUG=fatal-warnings), so that one run names them all. */
static GLogWriterOutput
log_writer (GLogLevelFlags   log_level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  const char *domain = NULL, *message = NULL;
  GString *entry;
  const char *at;
  gpointer pointer = NULL;

  if (!recording || !(log_level & (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL)))
    return g_log_writer_default (log_level, fields, n_fields, user_data);

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "GLIB_DOMAIN"))
        domain = fields[i].value;
      else if (g_str_equal (fields[i].key, "MESSAGE"))
        message = fields[i].value;
    }
  entry = g_string_new (NULL);
  g_string_append_printf (entry, "%s: %s", domain ? domain : "?", message ? message : "?");
  at = message != NULL ? strstr (message, " 0x") : NULL;
  if (at != NULL && sscanf (at + 1, "%p", &pointer) == 1 && GTK_IS_WIDGET (pointer))
    describe_widget (entry, pointer);
  /* Not g_log_writer_default(): it would make it fatal again. */
  g_ptr_array_add (criticals, g_string_free (entry, FALSE));
  return G_LOG_WRITER_HANDLED;
}

/* g_log() (not structured) asks this before aborting on a fatal-warnings message. */
static gboolean
on_fatal_log_cb (const char     *log_domain,
                 GLogLevelFlags  log_level,
                 const char     *message,
                 gpointer        user_data)
{
  return !recording;
}

static void
assert_no_criticals (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GRegex) pointers = g_regex_new ("0x[0-9a-f]+", 0, 0, NULL);

  /* Each kind once, with how often it came. */
  for (guint i = 0; i < criticals->len; i++)
    {
      char *kind = g_regex_replace_literal (pointers, g_ptr_array_index (criticals, i), -1, 0,
                                            "0x…", 0, NULL);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (seen, kind));

      if (n == 0)
        g_test_message ("critical: %s", kind);
      g_hash_table_replace (seen, kind, GUINT_TO_POINTER (n + 1));
    }
  if (criticals->len > 0)
    g_error ("%u warnings or criticals (%u kinds, see above) with hostile data; the first: %s",
             criticals->len, g_hash_table_size (seen),
             (char *) g_ptr_array_index (criticals, 0));
}

/* ---- the application through the proxy ---- */

typedef struct
{
  Hostile   *h;
  GPtrArray *violations;
  char      *caller;
} Run;

typedef struct
{
  goffset     offset;
  const char *event;
  const char *field;
  const char *value;
} TraceWait;

static gboolean
trace_has (gpointer user_data)
{
  TraceWait *w = user_data;
  g_autoptr(GPtrArray) lines = test_trace_read (w->offset);

  return test_trace_find (lines, w->event, w->field, w->value) != NULL;
}

typedef struct
{
  goffset     offset;
  const char *page;
} PageWait;

static gboolean
page_answered (gpointer user_data)
{
  PageWait *w = user_data;
  g_autoptr(GPtrArray) lines = test_trace_read (w->offset);

  return test_trace_find (lines, "page-shown", "page", w->page) != NULL
         || test_trace_find (lines, "page-denied", "page", w->page) != NULL;
}

static gboolean
app_logged_in (gpointer user_data)
{
  AgentSession *session = agent_application_get_session (user_data);

  return agent_session_get_logged_in (session) && agent_session_get_connected (session);
}

/* Whether a call pop-up on screen shows one of the hostile values (the caller's record). */
static gboolean
popup_shows_hostile (gpointer user_data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (AGENT_IS_CALL_POPUP (window))
        collect_texts (window, texts);
    }
  for (guint v = 0; v < G_N_ELEMENTS (hostile_text); v++)
    for (guint t = 0; t < texts->len; t++)
      if (strstr (text_value (v), "@@") == NULL
          && strstr (g_ptr_array_index (texts, t), text_value (v)) != NULL)
        return TRUE;
  return FALSE;
}

static void
hostile_app_body (AgentApplication *app,
                  gpointer          user_data)
{
  Run *run = user_data;
  static const char * const pages[] = {
    "home", "history", "customers", "memos", "tasks", "sms",
    "agents", "board", "blacklist", "campaigns", "voice",
  };
  guint shown = 0;

  reliab_wait (app_logged_in, app, INTEG_TIMEOUT_MS, "the login through the proxy");
  shown += check_screen ("the main window", run->violations);

  /* A customer calls: the pop-up looks them up (getcustomer, getMemos, findDialrecord). */
  {
    TraceWait popup = { test_trace_offset (), "popup-shown", "phone", run->caller };

    g_printerr ("hostile: popping a call\n");
    integ_script_call (&run->h->f, INTEG_ADMIN, run->caller, FALSE, 4000, 500, FALSE);
    reliab_wait (trace_has, &popup, INTEG_TIMEOUT_MS, "the pop-up");
    /* Its lookups (the customer, memos, last calls) fill it in a moment later. */
    double started = reliab_now_ms ();

    if (!integ_spin_until (popup_shows_hostile, NULL, 15000))
      g_ptr_array_add (run->violations,
                       g_strdup ("the call pop-up: the caller's record never showed"));
    g_test_message ("the caller's record showed %.0f ms after the pop-up",
                    reliab_now_ms () - started);
    shown += check_screen ("the call pop-up", run->violations);
  }

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      PageWait wait = { test_trace_offset (), pages[i] };
      g_autofree char *where = g_strdup_printf ("the %s page", pages[i]);

      /* On stderr, which the parent shows: GDK ends the process on an X error without a word. */
      g_printerr ("hostile: showing the %s page\n", pages[i]);
      g_action_group_activate_action (G_ACTION_GROUP (app), "show-page",
                                      g_variant_new_string (pages[i]));
      reliab_wait (page_answered, &wait, HOSTILE_PAGE_MS, where);
      /* Rows come a frame after the data. */
      reliab_spin_for (200);
      shown += check_screen (where, run->violations);
    }

  g_test_message ("%u hostile values were on screen over all pages; the proxy rewrote %u",
                  shown, run->h->n_rewritten);
  g_assert_cmpuint (run->h->n_rewritten, >=, N_HOSTILE);
  g_assert_cmpuint (shown, >, 0);
}

static void
hostile_pages_in_child (void)
{
  Hostile h = { 0 };
  Run run = { &h, g_ptr_array_new_with_free_func (g_free), NULL };
  g_autofree char *password_file = test_write_password_file (INTEG_ADMIN_PASSWORD);
  const char *argv[] = {
    "--server", NULL, "--account", INTEG_ADMIN, "--password-file", password_file, NULL,
  };

  reliab_notifications_start ();
  hostile_start (&h);
  argv[1] = h.url;

  /* A demo customer's number: the pop-up finds a record to show. */
  {
    g_autoptr(BbhCustomerQuery) query = bbh_customer_query_new ();
    g_autoptr(GListModel) page = NULL;
    g_autoptr(BbhCustomer) customer = NULL;
    g_autoptr(GError) error = NULL;

    bbh_customer_query_set_page (query, 0, 1);
    bbh_client_get_customers_page_async (h.f.admin, query, NULL, integ_on_result_cb, &h.f);
    page = bbh_client_get_customers_page_finish (h.f.admin, integ_wait (&h.f), NULL, &error);
    g_assert_no_error (error);
    customer = g_list_model_get_item (page, 0);
    run.caller = g_strdup (bbh_customer_get_phone (customer));
    g_clear_object (&h.f.result);
  }

  criticals = g_ptr_array_new_with_free_func (g_free);
  recording = TRUE;
  test_app_run (argv, hostile_app_body, &run);
  recording = FALSE;
  for (guint i = 0; i < run.violations->len; i++)
    g_test_message ("%s", (char *) g_ptr_array_index (run.violations, i));
  assert_no_criticals ();
  g_clear_pointer (&criticals, g_ptr_array_unref);

  if (run.violations->len > 0)
    g_error ("%u problems with hostile data on screen (see above), e.g. %s", run.violations->len,
             (char *) g_ptr_array_index (run.violations, 0));

  g_ptr_array_unref (run.violations);
  g_free (run.caller);
  g_unlink (password_file);
  hostile_stop (&h);
}

/* In a child process: an application that dies (GDK exits on an X error, for instance when a
 * very long text makes a window wider than X11 allows) fails this test with what it was doing,
 * not the whole suite. */
static void
test_hostile_pages (void)
{
  if (g_test_subprocess ())
    {
      hostile_pages_in_child ();
      return;
    }
  g_test_trap_subprocess (NULL, HOSTILE_CHILD_S * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDERR | G_TEST_SUBPROCESS_INHERIT_STDOUT);
  if (!g_test_trap_has_passed ())
    {
      g_test_message ("The application failed or died with hostile data from the server; the "
                      "last \"hostile:\" line above says what it was showing");
      g_test_fail ();
    }
}

/* A body that is not UTF-8: a protocol error, in words, never a crash. */
static void
test_invalid_utf8 (void)
{
  Hostile h = { 0 };
  g_autofree char *md5 = bbh_password_md5 (INTEG_AGENT_PASSWORD);
  g_autoptr(BbhClient) client = NULL;
  g_autoptr(GListModel) memos = NULL;
  g_autoptr(GError) error = NULL;

  hostile_start (&h);
  h.raw_invalid_method = g_strdup ("getMemos");
  client = bbh_client_new (h.url, INTEG_AGENT, md5);
  bbh_client_get_memos_async (client, NULL, 0, 20, NULL, integ_on_result_cb, &h.f);
  memos = bbh_client_get_memos_finish (client, integ_wait (&h.f), NULL, &error);
  g_assert_null (memos);
  g_assert_error (error, BBH_ERROR, BBH_ERROR_PROTOCOL);
  reliab_assert_words ("a body that is not UTF-8", error->message);
  g_clear_object (&h.f.result);
  integ_assert_finalize (g_steal_pointer (&client));
  hostile_stop (&h);
}

/* ---- hostile input ---- */

static guint
count_dial_requests (IntegFixture *f)
{
  g_autoptr(JsonObject) log = integ_control (f, "/sandbox/requests", NULL);
  JsonArray *requests = json_object_get_array_member (log, "requests");
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      const char *method = json_object_get_string_member_with_default (
                             json_array_get_object_element (requests, i), "method", "");

      n += g_str_equal (method, "callbackPhone") || g_str_equal (method, "sendTelCall")
           || g_str_equal (method, "sendMsg");
    }
  return n;
}

static void
input_app_body (AgentApplication *app,
                gpointer          user_data)
{
  Hostile *h = user_data;
  g_autoptr(GString) thousand = g_string_new (NULL);
  const char *inputs[] = {
    "138abcd0013", "13800138000'; DROP TABLE x;--", "\"13800138000\"", "１３８００１３８０００x",
    "+86 (138) 0013-8000 ext. <b>9</b>", NULL,
  };

  reliab_wait (app_logged_in, app, INTEG_TIMEOUT_MS, "the login");
  for (guint i = 0; i < 1000; i++)
    g_string_append_c (thousand, '0' + i % 10);
  inputs[G_N_ELEMENTS (inputs) - 1] = thousand->str;

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      TraceWait rejected = { test_trace_offset (), "dial-rejected", NULL, NULL };
      g_autoptr(GPtrArray) lines = NULL;
      JsonObject *line;

      g_action_group_activate_action (G_ACTION_GROUP (app), "dial",
                                      g_variant_new_string (inputs[i]));
      reliab_wait (trace_has, &rejected, 10000, "the dialer to refuse the number");
      lines = test_trace_read (rejected.offset);
      line = test_trace_find (lines, "dial-rejected", NULL, NULL);
      reliab_assert_words ("the dialer's refusal",
                           json_object_get_string_member_with_default (line, "reason", NULL));
      g_assert_null (test_trace_find (lines, "dial", NULL, NULL));
    }
  /* Nothing of it reached the server. */
  g_assert_cmpuint (count_dial_requests (&h->f), ==, 0);
}

static void
test_hostile_input (void)
{
  Hostile h = { 0 };
  g_autofree char *password_file = test_write_password_file (INTEG_AGENT_PASSWORD);
  const char *argv[] = {
    "--server", NULL, "--account", INTEG_AGENT, "--password-file", password_file, NULL,
  };

  reliab_notifications_start ();
  hostile_start (&h);
  argv[1] = h.f.url;
  criticals = g_ptr_array_new_with_free_func (g_free);
  recording = TRUE;
  test_app_run (argv, input_app_body, &h);
  recording = FALSE;
  assert_no_criticals ();
  g_clear_pointer (&criticals, g_ptr_array_unref);
  g_unlink (password_file);
  hostile_stop (&h);
}

/* A screen-pop template with quotes, and a number that tries to leave its place in it. */
static void
test_url_template (void)
{
  static const char *phones[] = {
    "13800138000\"><script>alert(1)</script>", "13800138000' onmouseover='x",
    "1380013 8000&admin=1#frag", "../../13800138000",
  };

  for (guint i = 0; i < G_N_ELEMENTS (phones); i++)
    {
      g_autofree char *url = agent_popup_manager_expand_url (
        "https://crm.example.invalid/pop?q=\"{phone}\"&id='{cdrId}'&ext={extension}",
        phones[i], 7687658987667780097, "800", FALSE);
      g_autoptr(GUri) uri = NULL;
      g_autoptr(GHashTable) params = NULL;

      g_test_message ("%s → %s", phones[i], url ? url : "(refused)");
      if (url == NULL)
        continue;
      /* Still one URL to the same place: the number cannot add a parameter or a fragment. */
      uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
      g_assert_nonnull (uri);
      g_assert_cmpstr (g_uri_get_host (uri), ==, "crm.example.invalid");
      g_assert_cmpstr (g_uri_get_path (uri), ==, "/pop");
      g_assert_null (g_uri_get_fragment (uri));
      params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);
      g_assert_nonnull (params);
      g_assert_false (g_hash_table_contains (params, "admin"));
      g_assert_cmpuint (g_hash_table_size (params), ==, 3);
      g_assert_nonnull (strstr (g_hash_table_lookup (params, "q"), phones[i]));
      g_assert_null (strchr (url, ' '));
      g_assert_null (strchr (url, '<'));
    }
}

/* CSV files from spreadsheets: GBK is read; lines in broken UTF-8 are set aside with their
 * line number and a reason in words, and none of their bytes reach a record. */
static void
test_csv_encodings (void)
{
  /* "号码,姓名\n13800138000,张三\n" in GBK. */
  static const char gbk[] = "\xba\xc5\xc2\xeb,\xd0\xd5\xc3\xfb\n13800138000,\xd5\xc5\xc8\xfd\n";
  static const char broken[] = "phone,name\n13800138000,\xe5\xbc\n13900139000,ok\xff\xfe\n"
                               "13700137000,fine\n";
  AgentCsvTable *table;
  g_autofree char *described = NULL;

  table = agent_csv_parse (gbk, sizeof gbk - 1, AGENT_CSV_ENCODING_AUTO, NULL, NULL);
  g_assert_cmpint (agent_csv_table_get_encoding (table), ==, AGENT_CSV_ENCODING_GBK);
  g_assert_cmpuint (agent_csv_table_get_n_problems (table), ==, 0);
  g_assert_cmpuint (agent_csv_table_get_n_records (table), ==, 2);
  g_assert_cmpstr (agent_csv_table_get_record (table, 1)->fields[1], ==, "张三");
  agent_csv_table_unref (table);

  table = agent_csv_parse (broken, sizeof broken - 1, AGENT_CSV_ENCODING_UTF8, NULL, NULL);
  for (guint i = 0; i < agent_csv_table_get_n_records (table); i++)
    for (char **field = agent_csv_table_get_record (table, i)->fields; *field; field++)
      g_assert_true (g_utf8_validate (*field, -1, NULL));
  g_assert_cmpuint (agent_csv_table_get_n_problems (table), >=, 2);
  for (guint i = 0; i < agent_csv_table_get_n_problems (table); i++)
    reliab_assert_words ("a CSV line in broken UTF-8",
                         agent_csv_table_get_problem (table, i)->message);
  described = agent_csv_table_describe_problems (table, 5);
  reliab_assert_words ("the CSV problems", described);
  agent_csv_table_unref (table);
}

int
main (int   argc,
      char *argv[])
{
  g_log_set_writer_func (log_writer, NULL, NULL);
  gtk_test_init (&argc, &argv, NULL);
  g_test_log_set_fatal_handler (on_fatal_log_cb, NULL);
  test_trace_setup ();

  g_test_add_func ("/agent/hostile/pages", test_hostile_pages);
  g_test_add_func ("/agent/hostile/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/agent/hostile/input", test_hostile_input);
  g_test_add_func ("/agent/hostile/url-template", test_url_template);
  g_test_add_func ("/agent/hostile/csv-encodings", test_csv_encodings);

  return g_test_run ();
}
