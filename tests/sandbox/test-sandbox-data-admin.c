/* test-sandbox-data-admin.c — agents, caller IDs, channels, the queue and the blacklist over HTTP
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sandbox-test-util.h"

#define AGENT SANDBOX_TEST_AGENT
#define AGENT_PW SANDBOX_TEST_AGENT_PASSWORD
#define ADMIN SANDBOX_TEST_ADMIN
#define ADMIN_PW SANDBOX_TEST_ADMIN_PASSWORD

static SandboxTestServer *server;

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  g_assert_nonnull (node);
  return json_node_get_string (node);
}

static void
assert_code (JsonObject *answer,
             gint64      code)
{
  if (sandbox_test_get_int (answer, "code", G_MININT64) != code)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), answer);
      g_autofree char *text = json_to_string (node, FALSE);
      g_error ("expected code %" G_GINT64_FORMAT ", got %s", code, text);
    }
}

/* The row of getExtensions for a 3-digit extension, or NULL. */
static JsonObject *
find_extension (JsonObject *answer,
                const char *extension)
{
  JsonArray *rows = json_object_get_array_member (answer, "extension");

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      if (g_strcmp0 (member_string (row, "exteExtension"), extension) == 0)
        return row;
    }
  return NULL;
}

static void
test_permissions (void)
{
  const char *admin_methods[] = {
    "registerExtension", "addExtension", "editExtension", "delExtension", "initExtensionPassword",
    "setShowPhone", "systemChannels", "addBlacklists", "delBlacklists", "getBlacklists", "addTask",
  };

  for (guint i = 0; i < G_N_ELEMENTS (admin_methods); i++)
    {
      g_autoptr(JsonObject) answer = sandbox_test_call (server, AGENT, AGENT_PW, admin_methods[i],
                                                        "exteId", "1", "phones", "13000000000",
                                                        "exteExtension", "777", NULL);
      g_test_message ("%s as an agent", admin_methods[i]);
      assert_code (answer, -5);
    }
}

static void
test_list (void)
{
  g_autoptr(JsonObject) agents = sandbox_test_call (server, AGENT, AGENT_PW, "getExtensions", NULL);
  JsonObject *me, *admin;

  assert_code (agents, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (agents, "extension")), >=, 12);
  me = find_extension (agents, "800");
  g_assert_nonnull (me);
  g_assert_cmpstr (member_string (me, "exteName"), ==, "张晓梅");
  g_assert_cmpint (sandbox_test_get_int (me, "exteId", 0), >, 0);
  g_assert_true (json_object_has_member (me, "exteMobile"));
  g_assert_true (json_object_has_member (me, "exteinMobileRule"));
  g_assert_true (json_object_has_member (me, "statustext"));
  admin = find_extension (agents, "899");
  g_assert_cmpint (sandbox_test_get_int (admin, "exteStatus", 0), ==, 2);
}

static void
test_add_edit_delete (void)
{
  g_autoptr(JsonObject) added = sandbox_test_call (server, ADMIN, ADMIN_PW, "addExtension",
                                                   "exteExtension", "456", "exteName", "新坐席",
                                                   "extePassword", "pw-456", "exte_deptId", "",
                                                   "exteMobile", "13700001111", "exteinMobileRule", "1",
                                                   "exteStatus", "0", "exteIsRecord", "1",
                                                   "exteMemo", "备注一", "exteMemo5", "备注五",
                                                   "exteLoginName", "xinzuoxi", "exteLoginType", "2",
                                                   "exteIsApp", "1", NULL);
  g_autoptr(JsonObject) duplicate = sandbox_test_call (server, ADMIN, ADMIN_PW, "addExtension",
                                                       "exteExtension", "456", "exteName", "重复", NULL);
  g_autoptr(JsonObject) low = sandbox_test_call (server, ADMIN, ADMIN_PW, "addExtension",
                                                 "exteExtension", "399", NULL);
  g_autoptr(JsonObject) high = sandbox_test_call (server, ADMIN, ADMIN_PW, "addExtension",
                                                  "exteExtension", "900", NULL);
  g_autoptr(JsonObject) listed = NULL;
  g_autoptr(JsonObject) login = NULL;
  g_autoptr(JsonObject) edited = NULL;
  g_autoptr(JsonObject) relisted = NULL;
  g_autoptr(JsonObject) login_new = NULL;
  g_autoptr(JsonObject) reset = NULL;
  g_autoptr(JsonObject) login_reset = NULL;
  g_autoptr(JsonObject) deleted = NULL;
  g_autoptr(JsonObject) gone = NULL;
  g_autoptr(JsonObject) self_delete = NULL;
  g_autofree char *id = NULL;
  JsonObject *row;

  assert_code (added, 0);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, sandbox_test_get_int (added, "exteId", 0));
  assert_code (duplicate, -10);
  assert_code (low, -3);
  g_assert_nonnull (strstr (member_string (low, "message"), "exteExtension"));
  assert_code (high, -3);

  listed = sandbox_test_call (server, AGENT, AGENT_PW, "getExtensions", NULL);
  row = find_extension (listed, "456");
  g_assert_nonnull (row);
  g_assert_cmpstr (member_string (row, "exteName"), ==, "新坐席");
  g_assert_cmpstr (member_string (row, "exteMobile"), ==, "13700001111");
  g_assert_cmpint (sandbox_test_get_int (row, "exteinMobileRule", 0), ==, 1);
  g_assert_cmpstr (member_string (row, "exteMemo5"), ==, "备注五");
  g_assert_cmpint (sandbox_test_get_int (row, "exteLoginType", 0), ==, 2);

  /* the new agent can log in with the password given */
  login = sandbox_test_call (server, "100008456", "pw-456", "getExtensions", NULL);
  assert_code (login, 0);

  edited = sandbox_test_call (server, ADMIN, ADMIN_PW, "editExtension", "exteId", id,
                              "exteName", "改过的名字", "extePassword", "pw-new", "exteMobile", "", NULL);
  assert_code (edited, 0);
  relisted = sandbox_test_call (server, ADMIN, ADMIN_PW, "getExtensions", NULL);
  row = find_extension (relisted, "456");
  g_assert_cmpstr (member_string (row, "exteName"), ==, "改过的名字");
  g_assert_cmpstr (member_string (row, "exteMobile"), ==, "");
  /* what was not sent stays */
  g_assert_cmpstr (member_string (row, "exteMemo"), ==, "备注一");
  login_new = sandbox_test_call (server, "100008456", "pw-new", "getExtensions", NULL);
  assert_code (login_new, 0);

  reset = sandbox_test_call (server, ADMIN, ADMIN_PW, "initExtensionPassword", "exteId", id, NULL);
  assert_code (reset, 0);
  g_assert_cmpuint (strlen (member_string (reset, "password")), >=, 6);
  login_reset = sandbox_test_call (server, "100008456", member_string (reset, "password"),
                                   "getExtensions", NULL);
  assert_code (login_reset, 0);

  deleted = sandbox_test_call (server, ADMIN, ADMIN_PW, "delExtension", "exteId", id, NULL);
  assert_code (deleted, 0);
  gone = sandbox_test_call (server, ADMIN, ADMIN_PW, "delExtension", "exteId", id, NULL);
  assert_code (gone, -11);
  {
    g_autoptr(JsonObject) after = sandbox_test_call (server, ADMIN, ADMIN_PW, "getExtensions", NULL);
    g_assert_null (find_extension (after, "456"));
  }
  {
    g_autoptr(JsonObject) who = sandbox_test_call (server, ADMIN, ADMIN_PW, "getExtensions", NULL);
    g_autofree char *admin_id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                 sandbox_test_get_int (find_extension (who, "899"), "exteId", 0));
    self_delete = sandbox_test_call (server, ADMIN, ADMIN_PW, "delExtension", "exteId", admin_id, NULL);
    assert_code (self_delete, -5);
  }
}

static void
test_register (void)
{
  g_autoptr(JsonObject) registered = sandbox_test_call (server, ADMIN, ADMIN_PW, "registerExtension", NULL);
  g_autoptr(JsonObject) login = NULL;

  assert_code (registered, 0);
  g_assert_cmpuint (strlen (member_string (registered, "extension")), ==, 9);
  g_assert_true (g_str_has_prefix (member_string (registered, "extension"), "100008"));
  login = sandbox_test_call (server, member_string (registered, "extension"),
                             member_string (registered, "password"), "getExtensions", NULL);
  assert_code (login, 0);
}

static void
test_show_phone (void)
{
  g_autoptr(JsonObject) set = sandbox_test_call (server, ADMIN, ADMIN_PW, "setShowPhone",
                                                 "extension", "801", "phone", "02367079999", NULL);
  g_autoptr(JsonObject) unknown = sandbox_test_call (server, ADMIN, ADMIN_PW, "setShowPhone",
                                                     "extension", "555", "phone", "02367079999", NULL);
  g_autoptr(JsonObject) listed = sandbox_test_call (server, ADMIN, ADMIN_PW, "getExtensions", NULL);

  assert_code (set, 0);
  assert_code (unknown, -11);
  g_assert_cmpstr (member_string (find_extension (listed, "801"), "shpPhone"), ==, "02367079999");
}

static void
test_channels (void)
{
  g_autoptr(JsonObject) channels = sandbox_test_call (server, ADMIN, ADMIN_PW, "systemChannels", NULL);
  g_autoptr(JsonObject) other = sandbox_test_call (server, ADMIN, ADMIN_PW, "systemChannels",
                                                   "CompNumber", "100009", NULL);
  g_autoptr(JsonObject) queue = sandbox_test_call (server, AGENT, AGENT_PW, "getChannelList",
                                                   "queueSize", "1", NULL);
  g_autoptr(JsonObject) all = sandbox_test_call (server, AGENT, AGENT_PW, "getChannelList",
                                                 "queueSize", "0", NULL);
  JsonArray *rows = json_object_get_array_member (channels, "channelviewinfo");
  JsonObject *first;

  assert_code (channels, 0);
  g_assert_cmpint (sandbox_test_get_int (channels, "totalNum", 0), ==, json_array_get_length (rows));
  g_assert_cmpint (sandbox_test_get_int (channels, "channelNum", 0) +
                   sandbox_test_get_int (channels, "totalGroupCallNum", 0), ==,
                   sandbox_test_get_int (channels, "totalNum", -1));
  g_assert_cmpint (sandbox_test_get_int (channels, "useAgiCallNum", -1), <=,
                   sandbox_test_get_int (channels, "channelNum", 0));
  g_assert_true (json_object_has_member (channels, "useGroupCallNum"));
  assert_code (other, -5);

  assert_code (queue, 0);
  rows = json_object_get_array_member (queue, "rows");
  g_assert_cmpuint (json_array_get_length (rows), >, 0);
  g_assert_cmpuint (json_array_get_length (rows), <,
                    json_array_get_length (json_object_get_array_member (all, "rows")));
  first = json_array_get_object_element (rows, 0);
  g_assert_cmpuint (strlen (member_string (first, "channelName")), >, 0);
  g_assert_cmpuint (strlen (member_string (first, "callinTel")), >, 0);
  g_assert_cmpuint (strlen (member_string (first, "createTime")), ==, 19);
  g_assert_cmpint (sandbox_test_get_int (first, "queueId", 0), >, 0);
}

static gboolean
list_has (JsonObject *answer,
          const char *phone)
{
  JsonArray *phones = json_object_get_array_member (answer, "blaPhone");

  for (guint i = 0; i < json_array_get_length (phones); i++)
    if (g_strcmp0 (json_array_get_string_element (phones, i), phone) == 0)
      return TRUE;
  return FALSE;
}

static void
test_blacklist (void)
{
  g_autoptr(JsonObject) added = sandbox_test_call (server, ADMIN, ADMIN_PW, "addBlacklists",
                                                   "phones", "13000000011, 13000000012", NULL);
  g_autoptr(JsonObject) again = sandbox_test_call (server, ADMIN, ADMIN_PW, "addBlacklists",
                                                   "phones", "13000000011", NULL);
  g_autoptr(JsonObject) listed = sandbox_test_call (server, ADMIN, ADMIN_PW, "getBlacklists", NULL);
  g_autoptr(JsonObject) removed = NULL;
  g_autoptr(JsonObject) relisted = NULL;
  g_autoptr(JsonObject) bad = sandbox_test_call (server, ADMIN, ADMIN_PW, "addBlacklists",
                                                 "phones", "13000000013,not-a-number", NULL);
  g_autoptr(JsonObject) missing = sandbox_test_call (server, ADMIN, ADMIN_PW, "addBlacklists", NULL);

  assert_code (added, 0);
  g_assert_cmpint (sandbox_test_get_int (added, "count", 0), ==, 2);
  assert_code (again, 0);
  g_assert_cmpint (sandbox_test_get_int (again, "count", -1), ==, 0);
  g_assert_true (list_has (listed, "13000000011"));
  g_assert_true (list_has (listed, "13000000012"));

  removed = sandbox_test_call (server, ADMIN, ADMIN_PW, "delBlacklists", "phones", "13000000011", NULL);
  assert_code (removed, 0);
  relisted = sandbox_test_call (server, ADMIN, ADMIN_PW, "getBlacklists", NULL);
  g_assert_false (list_has (relisted, "13000000011"));
  g_assert_true (list_has (relisted, "13000000012"));

  /* all or nothing */
  assert_code (bad, -3);
  {
    g_autoptr(JsonObject) after = sandbox_test_call (server, ADMIN, ADMIN_PW, "getBlacklists", NULL);
    g_assert_false (list_has (after, "13000000013"));
  }
  assert_code (missing, -3);
  g_assert_nonnull (strstr (member_string (missing, "message"), "phones"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  server = sandbox_test_server_start (NULL, NULL);

  g_test_add_func ("/agent/sandbox-data-admin/permissions", test_permissions);
  g_test_add_func ("/agent/sandbox-data-admin/list", test_list);
  g_test_add_func ("/agent/sandbox-data-admin/add-edit-delete", test_add_edit_delete);
  g_test_add_func ("/agent/sandbox-data-admin/register", test_register);
  g_test_add_func ("/agent/sandbox-data-admin/show-phone", test_show_phone);
  g_test_add_func ("/agent/sandbox-data-admin/channels", test_channels);
  g_test_add_func ("/agent/sandbox-data-admin/blacklist", test_blacklist);

  status = g_test_run ();
  sandbox_test_server_stop (server);
  return status;
}
