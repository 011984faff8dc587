/* test-admin-lists.c — administration lists against a real SoupServer: channels, the
 * waiting queue and the blacklist (agents and caller ID: test-admin.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bbh.h"
#include "bbh-client-private.h"
#include "bbh-test-server.h"

typedef BbhTestFixture Fixture;

/* ---- systemChannels ---- */

static BbhChannelStats *
system_channels (Fixture     *f,
                 const char  *company,
                 GError     **error)
{
  bbh_client_system_channels_async (f->client, company, NULL, bbh_test_on_result, bbh_test_fixture_reset (f));
  bbh_test_fixture_wait_result (f);
  return bbh_client_system_channels_finish (f->client, f->result, error);
}

static void
test_system_channels (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbhChannelStats) stats = NULL;
  g_autoptr(BbhChannelInfo) first = NULL;
  g_autoptr(BbhChannelInfo) second = NULL;
  const char * const *names;
  GListModel *channels;

  bbh_test_server_queue_json (f->server, "systemChannels",
    "{\"code\":0,\"message\":\"\",\"totalNum\":\"30\",\"totalGroupCallNum\":10,"
    "\"useGroupCallNum\":\"4\",\"useAgiCallNum\":7,\"channelNum\":\"20\","
    "\"channelviewinfo\":[{\"channel\":\"SIP/801-00000a1\",\"state\":\"通话中\",\"callerid\":\"13800138000\","
    "\"duration\":125,\"extra\":null,\"queue\":{\"id\":\"9007199254740993\"}},"
    "{\"channel\":\"SIP/802-00000a2\",\"busy\":true}]}");
  stats = system_channels (f, "100008", &error);
  g_assert_no_error (error);
  bbh_test_assert_admin_params (bbh_test_server_get_last (f->server), "systemChannels",
                                "CompNumber", "100008", NULL);

  g_assert_cmpint (bbh_channel_stats_get_total_channels (stats), ==, 30);
  g_assert_cmpint (bbh_channel_stats_get_group_call_channels (stats), ==, 10);
  g_assert_cmpint (bbh_channel_stats_get_used_group_call (stats), ==, 4);
  g_assert_cmpint (bbh_channel_stats_get_used_normal (stats), ==, 7);
  g_assert_cmpint (bbh_channel_stats_get_normal_channels (stats), ==, 20);

  channels = bbh_channel_stats_get_channels (stats);
  g_assert_cmpuint (g_list_model_get_n_items (channels), ==, 2);
  first = g_list_model_get_item (channels, 0);
  names = bbh_channel_info_get_member_names (first);
  /* In the server's order; the null member is left out. */
  g_assert_cmpuint (g_strv_length ((GStrv) names), ==, 5);
  g_assert_cmpstr (names[0], ==, "channel");
  g_assert_cmpstr (names[4], ==, "queue");
  g_assert_cmpstr (bbh_channel_info_get_member (first, "channel"), ==, "SIP/801-00000a1");
  g_assert_cmpstr (bbh_channel_info_get_member (first, "state"), ==, "通话中");
  g_assert_cmpstr (bbh_channel_info_get_member (first, "duration"), ==, "125");
  g_assert_cmpstr (bbh_channel_info_get_member (first, "queue"), ==, "{\"id\":\"9007199254740993\"}");
  g_assert_null (bbh_channel_info_get_member (first, "extra"));
  g_assert_null (bbh_channel_info_get_member (first, "nothing"));
  second = g_list_model_get_item (channels, 1);
  g_assert_cmpstr (bbh_channel_info_get_member (second, "busy"), ==, "true");
  g_clear_object (&stats);

  /* Without a company number the parameter is not sent; a wrapped answer with null rows. */
  bbh_test_server_queue_json (f->server, "systemChannels",
                              "{\"code\":0,\"data\":{\"totalNum\":8,\"channelviewinfo\":null}}");
  stats = system_channels (f, NULL, &error);
  g_assert_no_error (error);
  bbh_test_assert_admin_params (bbh_test_server_get_last (f->server), "systemChannels", NULL);
  g_assert_cmpint (bbh_channel_stats_get_total_channels (stats), ==, 8);
  g_assert_cmpint (bbh_channel_stats_get_used_normal (stats), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (bbh_channel_stats_get_channels (stats)), ==, 0);
  g_clear_object (&stats);

  stats = system_channels (f, "10OO08", &error);
  g_assert_null (stats);
  g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "10OO08"));
  g_assert_cmpuint (bbh_test_server_get_n_requests (f->server), ==, 2);
}

/* ---- getChannelList ---- */

static GListModel *
get_channel_list (Fixture   *f,
                  gboolean   queue_only,
                  guint64   *total,
                  GError   **error)
{
  bbh_client_get_channel_list_async (f->client, queue_only, NULL, bbh_test_on_result, bbh_test_fixture_reset (f));
  bbh_test_fixture_wait_result (f);
  return bbh_client_get_channel_list_finish (f->client, f->result, total, error);
}

static void
test_get_channel_list (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) calls = NULL;
  g_autoptr(BbhQueuedCall) a = NULL;
  g_autoptr(BbhQueuedCall) b = NULL;
  g_autoptr(BbhQueuedCall) c = NULL;
  g_autoptr(GDateTime) expected = NULL;
  GDateTime *when;
  guint64 total = 0;

  bbh_test_server_queue_json (f->server, "getChannelList",
    "{\"code\":\"0\",\"rows\":["
    "{\"channelName\":\"SIP/trunk-0001\",\"callinTel\":\"13800138000\",\"createTime\":\"2024-05-01 09:30:15\",\"queueId\":\"9007199254740993\"},"
    "{\"channelName\":\"SIP/trunk-0002\",\"callinTel\":13900139000,\"createTime\":1714527075000,\"queueId\":12},"
    "{\"channelName\":\"排队\",\"callinTel\":\"02367073578\",\"createTime\":\"昨天\"}]}");
  calls = get_channel_list (f, TRUE, &total, &error);
  g_assert_no_error (error);
  bbh_test_assert_admin_params (bbh_test_server_get_last (f->server), "getChannelList", "queueSize", "1", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (calls), ==, 3);
  g_assert_cmpuint (total, ==, 3);

  a = g_list_model_get_item (calls, 0);
  g_assert_cmpstr (bbh_queued_call_get_channel_name (a), ==, "SIP/trunk-0001");
  g_assert_cmpstr (bbh_queued_call_get_phone (a), ==, "13800138000");
  g_assert_cmpstr (bbh_queued_call_get_create_time_text (a), ==, "2024-05-01 09:30:15");
  /* Local wall time, read in Asia/Shanghai (UTC+8). */
  g_assert_cmpint (bbh_queued_call_get_create_time_ms (a), ==, G_GINT64_CONSTANT (1714527015000));
  g_assert_cmpint (bbh_queued_call_get_queue_id (a), ==, G_GINT64_CONSTANT (9007199254740993));
  when = bbh_queued_call_get_create_time (a);
  g_assert_nonnull (when);
  expected = g_date_time_new_from_unix_utc (1714527015);
  g_assert_true (g_date_time_equal (when, expected));
  g_assert_cmpint (g_date_time_get_hour (when), ==, 9);

  b = g_list_model_get_item (calls, 1);
  g_assert_cmpstr (bbh_queued_call_get_phone (b), ==, "13900139000");
  g_assert_cmpint (bbh_queued_call_get_create_time_ms (b), ==, G_GINT64_CONSTANT (1714527075000));
  g_assert_cmpint (g_date_time_get_minute (bbh_queued_call_get_create_time (b)), ==, 31);
  g_assert_cmpint (bbh_queued_call_get_queue_id (b), ==, 12);

  /* An unreadable time is kept as text and is not a crash or a made-up date. */
  c = g_list_model_get_item (calls, 2);
  g_assert_cmpstr (bbh_queued_call_get_channel_name (c), ==, "排队");
  g_assert_cmpstr (bbh_queued_call_get_create_time_text (c), ==, "昨天");
  g_assert_cmpint (bbh_queued_call_get_create_time_ms (c), ==, 0);
  g_assert_null (bbh_queued_call_get_create_time (c));
  g_assert_cmpint (bbh_queued_call_get_queue_id (c), ==, 0);
  g_clear_object (&calls);

  /* Every channel; rows under `data`; then a null list. */
  bbh_test_server_queue_json (f->server, "getChannelList",
                              "{\"code\":0,\"total\":9,\"data\":[{\"channelName\":\"x\",\"queueId\":1}]}");
  calls = get_channel_list (f, FALSE, &total, &error);
  g_assert_no_error (error);
  bbh_test_assert_admin_params (bbh_test_server_get_last (f->server), "getChannelList", "queueSize", "0", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (calls), ==, 1);
  g_assert_cmpuint (total, ==, 9);
  g_clear_object (&calls);

  bbh_test_server_queue_json (f->server, "getChannelList", "{\"code\":0,\"rows\":null}");
  calls = get_channel_list (f, TRUE, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (calls), ==, 0);
  g_assert_cmpuint (total, ==, 0);
}

static void
test_channel_list_times (Fixture       *f,
                         gconstpointer  data)
{
  /* Every spelling of 2024-05-01 09:30:15 in Chongqing seen from servers and proxies. */
  static const char *spellings[] = {
    "\"2024-05-01 09:30:15\"", "\"2024-05-01T09:30:15\"", "\"2024/05/01 09:30:15\"",
    "\"20240501093015\"", "\"1714527015\"", "1714527015", "1714527015000", "\" 1714527015000 \"",
    "\"2024-05-01T01:30:15Z\"", "\"2024-05-01 09:30:15.250\"",
  };

  for (guint i = 0; i < G_N_ELEMENTS (spellings); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GListModel) calls = NULL;
      g_autoptr(BbhQueuedCall) call = NULL;
      g_autofree char *body = g_strdup_printf ("{\"code\":0,\"rows\":[{\"callinTel\":\"1\",\"createTime\":%s}]}",
                                               spellings[i]);

      g_test_message ("createTime %s", spellings[i]);
      bbh_test_server_queue_json (f->server, "getChannelList", body);
      calls = get_channel_list (f, TRUE, NULL, &error);
      g_assert_no_error (error);
      call = g_list_model_get_item (calls, 0);
      g_assert_cmpint (bbh_queued_call_get_create_time_ms (call) / 1000, ==, 1714527015);
      g_assert_cmpint (g_date_time_get_hour (bbh_queued_call_get_create_time (call)), ==, 9);
    }
}

/* ---- addBlacklists / delBlacklists / getBlacklists ---- */

static gboolean
add_blacklists (Fixture            *f,
                const char * const *phones,
                GError            **error)
{
  bbh_client_add_blacklists_async (f->client, phones, NULL, bbh_test_on_result, bbh_test_fixture_reset (f));
  bbh_test_fixture_wait_result (f);
  return bbh_client_add_blacklists_finish (f->client, f->result, error);
}

static gboolean
del_blacklists (Fixture            *f,
                const char * const *phones,
                GError            **error)
{
  bbh_client_del_blacklists_async (f->client, phones, NULL, bbh_test_on_result, bbh_test_fixture_reset (f));
  bbh_test_fixture_wait_result (f);
  return bbh_client_del_blacklists_finish (f->client, f->result, error);
}

static void
test_add_del_blacklists (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char * const three[] = { "13002300000", " 13002300001 ", "+8602367073578", "13002300000", NULL };
  const char * const one[] = { "13002300001", NULL };

  g_assert_true (add_blacklists (f, three, &error));
  g_assert_no_error (error);
  /* Joined with commas, trimmed, each number once, in the order given. */
  bbh_test_assert_admin_params (bbh_test_server_get_last (f->server), "addBlacklists",
                                "phones", "13002300000,13002300001,+8602367073578", NULL);
  g_assert_nonnull (strstr (bbh_test_server_get_last (f->server)->query,
                            "phones=13002300000%2C13002300001%2C%2B8602367073578"));

  g_assert_true (del_blacklists (f, one, &error));
  g_assert_no_error (error);
  bbh_test_assert_admin_params (bbh_test_server_get_last (f->server), "delBlacklists",
                                "phones", "13002300001", NULL);

  bbh_test_server_queue_json (f->server, "addBlacklists", "{\"code\":-10,\"message\":\"号码已存在\"}");
  g_assert_false (add_blacklists (f, one, &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_EXISTS);
  g_assert_cmpuint (bbh_test_server_get_n_requests (f->server), ==, 3);
}

static void
test_blacklists_rejected (Fixture       *f,
                          gconstpointer  data)
{
  const char * const empty[] = { NULL };
  const char * const letters[] = { "13002300000", "1300abc", NULL };
  const char * const blank[] = { "13002300000", "  ", NULL };
  const char * const dashes[] = { "023-67073578", NULL };
  struct {
    const char * const *phones;
    gboolean            add;
    const char         *words;
  } cases[] = {
    { NULL, TRUE, "at least one" },
    { empty, TRUE, "at least one" },
    { empty, FALSE, "at least one" },
    { letters, TRUE, "“1300abc”" },
    { blank, FALSE, "number 2" },
    { dashes, FALSE, "“023-67073578”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok;

      if (cases[i].add)
        ok = add_blacklists (f, cases[i].phones, &error);
      else
        ok = del_blacklists (f, cases[i].phones, &error);
      g_assert_false (ok);
      g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].words));
    }
  g_assert_cmpuint (bbh_test_server_get_n_requests (f->server), ==, 0);
}

static GListModel *
get_blacklists (Fixture  *f,
                GError  **error)
{
  bbh_client_get_blacklists_async (f->client, NULL, bbh_test_on_result, bbh_test_fixture_reset (f));
  bbh_test_fixture_wait_result (f);
  return bbh_client_get_blacklists_finish (f->client, f->result, NULL, error);
}

static void
assert_phones (GListModel *entries,
               ...)
{
  va_list args;
  const char *phone;
  guint i = 0;

  va_start (args, entries);
  while ((phone = va_arg (args, const char *)) != NULL)
    {
      g_autoptr(BbhBlacklistEntry) entry = NULL;

      g_assert_cmpuint (i, <, g_list_model_get_n_items (entries));
      entry = g_list_model_get_item (entries, i++);
      g_assert_cmpstr (bbh_blacklist_entry_get_phone (entry), ==, phone);
    }
  va_end (args);
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, i);
}

static void
test_get_blacklists (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) entries = NULL;
  g_autoptr(BbhBlacklistEntry) entry = NULL;
  guint64 total = 0;

  /* An array of strings (and a number). */
  bbh_test_server_queue_json (f->server, "getBlacklists",
                              "{\"code\":0,\"blaPhone\":[\"13002300000\",13002300001,\"\",null]}");
  entries = get_blacklists (f, &error);
  g_assert_no_error (error);
  bbh_test_assert_admin_params (bbh_test_server_get_last (f->server), "getBlacklists", NULL);
  assert_phones (entries, "13002300000", "13002300001", NULL);
  entry = g_list_model_get_item (entries, 0);
  g_assert_cmpuint (g_strv_length ((GStrv) bbh_blacklist_entry_get_member_names (entry)), ==, 0);
  g_clear_object (&entry);
  g_clear_object (&entries);

  /* An array of objects: the number and whatever else the server says. */
  bbh_test_server_queue_json (f->server, "getBlacklists",
    "{\"code\":0,\"blaPhone\":[{\"blaId\":\"9007199254740993\",\"blaPhone\":\"13002300000\",\"blaTime\":\"2024-05-01 10:00:00\",\"blaMemo\":\"骚扰\"},"
    "{\"phone\":\"02367073578\"},{\"blaMemo\":\"no number\"}]}");
  entries = get_blacklists (f, &error);
  g_assert_no_error (error);
  assert_phones (entries, "13002300000", "02367073578", NULL);
  entry = g_list_model_get_item (entries, 0);
  g_assert_cmpstr (bbh_blacklist_entry_get_member (entry, "blaId"), ==, "9007199254740993");
  g_assert_cmpstr (bbh_blacklist_entry_get_member (entry, "blaTime"), ==, "2024-05-01 10:00:00");
  g_assert_cmpstr (bbh_blacklist_entry_get_member (entry, "blaMemo"), ==, "骚扰");
  g_assert_cmpstr (bbh_blacklist_entry_get_member_names (entry)[0], ==, "blaId");
  g_clear_object (&entry);
  g_clear_object (&entries);

  /* A comma-separated string, with a full-width comma and spaces from hand editing. */
  bbh_test_server_queue_json (f->server, "getBlacklists",
                              "{\"code\":0,\"blaPhone\":\"13002300000, 13002300001，13002300002,\"}");
  entries = get_blacklists (f, &error);
  g_assert_no_error (error);
  assert_phones (entries, "13002300000", "13002300001", "13002300002", NULL);
  g_clear_object (&entries);

  /* Under `rows`, with a total. */
  bbh_test_server_queue_json (f->server, "getBlacklists",
                              "{\"code\":0,\"total\":\"120\",\"rows\":[{\"blaPhone\":\"13002300009\"}]}");
  bbh_client_get_blacklists_async (f->client, NULL, bbh_test_on_result, bbh_test_fixture_reset (f));
  bbh_test_fixture_wait_result (f);
  entries = bbh_client_get_blacklists_finish (f->client, f->result, &total, &error);
  g_assert_no_error (error);
  assert_phones (entries, "13002300009", NULL);
  g_assert_cmpuint (total, ==, 120);
  g_clear_object (&entries);

  /* Bare numbers and full rows side by side: the rows, which say more, are used. */
  bbh_test_server_queue_json (f->server, "getBlacklists",
    "{\"code\":0,\"blaPhone\":[\"13002300005\",\"13002300006\"],\"rows\":["
    "{\"blaId\":2,\"blaPhone\":\"13002300005\",\"blaCreateTime\":\"2024-05-02 08:00:00\"},"
    "{\"blaId\":1,\"blaPhone\":\"13002300006\",\"blaCreateTime\":\"2024-05-01 08:00:00\"}],\"total\":2}");
  entries = get_blacklists (f, &error);
  g_assert_no_error (error);
  assert_phones (entries, "13002300005", "13002300006", NULL);
  entry = g_list_model_get_item (entries, 1);
  g_assert_cmpstr (bbh_blacklist_entry_get_member (entry, "blaCreateTime"), ==, "2024-05-01 08:00:00");
  g_clear_object (&entry);
  g_clear_object (&entries);

  /* A map keyed by id. */
  bbh_test_server_queue_json (f->server, "getBlacklists",
                              "{\"code\":0,\"blaPhone\":{\"1\":{\"blaPhone\":\"13002300007\"},\"2\":{\"blaPhone\":\"13002300008\"}}}");
  entries = get_blacklists (f, &error);
  g_assert_no_error (error);
  assert_phones (entries, "13002300007", "13002300008", NULL);
  g_clear_object (&entries);

  /* Null, missing and empty all mean an empty blacklist. */
  bbh_test_server_queue_json (f->server, "getBlacklists", "{\"code\":0,\"blaPhone\":null}");
  entries = get_blacklists (f, &error);
  g_assert_no_error (error);
  assert_phones (entries, NULL);
  g_clear_object (&entries);

  bbh_test_server_queue_json (f->server, "getBlacklists", "{\"code\":0}");
  entries = get_blacklists (f, &error);
  g_assert_no_error (error);
  assert_phones (entries, NULL);
  g_clear_object (&entries);

  bbh_test_server_queue_json (f->server, "getBlacklists", "{\"code\":0,\"blaPhone\":\"\"}");
  entries = get_blacklists (f, &error);
  g_assert_no_error (error);
  assert_phones (entries, NULL);
}

int
main (int   argc,
      char *argv[])
{
  /* Server times are wall-clock text: read them in a fixed zone, as an agent in China would. */
  g_setenv ("TZ", "Asia/Shanghai", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, bbh_test_fixture_set_up_admin, fn, bbh_test_fixture_tear_down)
  ADD ("/agent/admin/system-channels", test_system_channels);
  ADD ("/agent/admin/get-channel-list", test_get_channel_list);
  ADD ("/agent/admin/get-channel-list/times", test_channel_list_times);
  ADD ("/agent/admin/blacklists/add-del", test_add_del_blacklists);
  ADD ("/agent/admin/blacklists/rejected", test_blacklists_rejected);
  ADD ("/agent/admin/blacklists/get", test_get_blacklists);
#undef ADD

  return g_test_run ();
}
