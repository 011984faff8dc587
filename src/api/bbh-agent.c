/* bbh-agent.c
 *
 * Every exte* member getExtensions may carry (section 2.1.2 lists three, 2.11.5 six, and
 * the add/edit methods of 2.11 name the rest). Enumerations the server did not send are -1.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bbh-agent"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bbh-admin-private.h"
#include "bbh-agent-private.h"

struct _BbhAgent
{
  GObject parent_instance;

  gint64  id;
  char   *extension;
  char   *name;
  char   *mobile;
  int     mobile_rule;
  char   *status_text;
  int     status;
  int     is_record;
  int     login_type;
  gint64  department_id;
  char   *memo[5];
  char   *login_name;
  gint64  shp_id;
  gint64  transfer_shp_id;
  int     is_app;
};

G_DEFINE_FINAL_TYPE (BbhAgent, bbh_agent, G_TYPE_OBJECT)

static const BbhAdminField fields[] = {
  BBH_ADMIN_INT64  ("id", "exteId", NULL, BbhAgent, id, 0),
  BBH_ADMIN_STRING ("extension", "exteExtension", "extension", BbhAgent, extension),
  BBH_ADMIN_STRING ("name", "exteName", "name", BbhAgent, name),
  BBH_ADMIN_STRING ("mobile", "exteMobile", NULL, BbhAgent, mobile),
  BBH_ADMIN_INT    ("mobile-rule", "exteinMobileRule", "exteInMobileRule", BbhAgent, mobile_rule, -1),
  BBH_ADMIN_STRING ("status-text", "statustext", "statusText", BbhAgent, status_text),
  BBH_ADMIN_INT    ("status", "exteStatus", NULL, BbhAgent, status, -1),
  BBH_ADMIN_INT    ("is-record", "exteIsRecord", NULL, BbhAgent, is_record, -1),
  BBH_ADMIN_INT    ("login-type", "exteLoginType", NULL, BbhAgent, login_type, -1),
  BBH_ADMIN_INT64  ("department-id", "exte_deptId", "exteDeptId", BbhAgent, department_id, 0),
  BBH_ADMIN_STRING ("memo", "exteMemo", NULL, BbhAgent, memo[0]),
  BBH_ADMIN_STRING ("memo2", "exteMemo2", NULL, BbhAgent, memo[1]),
  BBH_ADMIN_STRING ("memo3", "exteMemo3", NULL, BbhAgent, memo[2]),
  BBH_ADMIN_STRING ("memo4", "exteMemo4", NULL, BbhAgent, memo[3]),
  BBH_ADMIN_STRING ("memo5", "exteMemo5", NULL, BbhAgent, memo[4]),
  BBH_ADMIN_STRING ("login-name", "exteLoginName", NULL, BbhAgent, login_name),
  BBH_ADMIN_INT64  ("shp-id", "exte_shpId", "exteShpId", BbhAgent, shp_id, 0),
  BBH_ADMIN_INT64  ("transfer-shp-id", "exte_transfer_shpId", "exteTransferShpId", BbhAgent, transfer_shp_id, 0),
  BBH_ADMIN_INT    ("is-app", "exteIsApp", NULL, BbhAgent, is_app, -1),
};

/* A row is an agent when it names one: an id or an extension. */
gpointer
bbh_agent_new_from_json (JsonObject *row)
{
  BbhAgent *self;

  if (!json_object_has_member (row, "exteId") && !json_object_has_member (row, "exteExtension")
      && !json_object_has_member (row, "extension"))
    return NULL;

  self = g_object_new (BBH_TYPE_AGENT, NULL);
  bbh_admin_fields_parse (self, fields, G_N_ELEMENTS (fields), row);
  return self;
}

static void
bbh_agent_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  if (!bbh_admin_fields_get_property (object, fields, G_N_ELEMENTS (fields), prop_id, value))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
bbh_agent_finalize (GObject *object)
{
  bbh_admin_fields_free (object, fields, G_N_ELEMENTS (fields));

  G_OBJECT_CLASS (bbh_agent_parent_class)->finalize (object);
}

static void
bbh_agent_class_init (BbhAgentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = bbh_agent_get_property;
  object_class->finalize = bbh_agent_finalize;

  bbh_admin_fields_install (object_class, fields, G_N_ELEMENTS (fields));
}

static void
bbh_agent_init (BbhAgent *self)
{
}

/**
 * bbh_agent_get_id:
 *
 * Returns: `exteId`, the agent's internal id (64-bit).
 */
gint64
bbh_agent_get_id (BbhAgent *self)
{
  g_return_val_if_fail (BBH_IS_AGENT (self), 0);
  return self->id;
}

/**
 * bbh_agent_get_extension:
 *
 * Returns: (nullable): `exteExtension`, the agent's extension number as text.
 */
const char *
bbh_agent_get_extension (BbhAgent *self)
{
  g_return_val_if_fail (BBH_IS_AGENT (self), NULL);
  return self->extension;
}

const char *
bbh_agent_get_name (BbhAgent *self)
{
  g_return_val_if_fail (BBH_IS_AGENT (self), NULL);
  return self->name;
}

const char *
bbh_agent_get_mobile (BbhAgent *self)
{
  g_return_val_if_fail (BBH_IS_AGENT (self), NULL);
  return self->mobile;
}

/**
 * bbh_agent_get_mobile_rule:
 *
 * Returns: `exteinMobileRule`: 1 when calls go to the agent's mobile while the agent cannot
 *   take them, 0 when not, -1 when the server did not say.
 */
int
bbh_agent_get_mobile_rule (BbhAgent *self)
{
  g_return_val_if_fail (BBH_IS_AGENT (self), -1);
  return self->mobile_rule;
}

/**
 * bbh_agent_get_status_text:
 *
 * Returns: (nullable): `statustext`, the server's own words for the agent's state.
 */
const char *
bbh_agent_get_status_text (BbhAgent *self)
{
  g_return_val_if_fail (BBH_IS_AGENT (self), NULL);
  return self->status_text;
}

/**
 * bbh_agent_get_status:
 *
 * Returns: `exteStatus`, a #BbhAgentStatus, or -1 when the server did not say.
 */
int
bbh_agent_get_status (BbhAgent *self)
{
  g_return_val_if_fail (BBH_IS_AGENT (self), -1);
  return self->status;
}

/**
 * bbh_agent_get_is_record:
 *
 * Returns: `exteIsRecord`: 1 recorded, 0 not, -1 unknown.
 */
int
bbh_agent_get_is_record (BbhAgent *self)
{
  g_return_val_if_fail (BBH_IS_AGENT (self), -1);
  return self->is_record;
}

/**
 * bbh_agent_get_login_type:
 *
 * Returns: `exteLoginType`, a #BbhLoginType, or -1 unknown.
 */
int
bbh_agent_get_login_type (BbhAgent *self)
{
  g_return_val_if_fail (BBH_IS_AGENT (self), -1);
  return self->login_type;
}

gint64
bbh_agent_get_department_id (BbhAgent *self)
{
  g_return_val_if_fail (BBH_IS_AGENT (self), 0);
  return self->department_id;
}

/**
 * bbh_agent_get_memo:
 * @index: 1 for `exteMemo`, 2 to 5 for `exteMemo2` … `exteMemo5`
 *
 * Returns: (nullable): the note.
 */
const char *
bbh_agent_get_memo (BbhAgent *self,
                    guint     index)
{
  g_return_val_if_fail (BBH_IS_AGENT (self), NULL);
  g_return_val_if_fail (index >= 1 && index <= 5, NULL);
  return self->memo[index - 1];
}

const char *
bbh_agent_get_login_name (BbhAgent *self)
{
  g_return_val_if_fail (BBH_IS_AGENT (self), NULL);
  return self->login_name;
}

/**
 * bbh_agent_get_shp_id:
 *
 * Returns: `exte_shpId`, the caller id number the agent's calls show, 0 for none.
 */
gint64
bbh_agent_get_shp_id (BbhAgent *self)
{
  g_return_val_if_fail (BBH_IS_AGENT (self), 0);
  return self->shp_id;
}

/**
 * bbh_agent_get_transfer_shp_id:
 *
 * Returns: `exte_transfer_shpId`, the number shown when agents call each other, 0 for none.
 */
gint64
bbh_agent_get_transfer_shp_id (BbhAgent *self)
{
  g_return_val_if_fail (BBH_IS_AGENT (self), 0);
  return self->transfer_shp_id;
}

/**
 * bbh_agent_get_is_app:
 *
 * Returns: `exteIsApp`: 1 when the agent may log in with the mobile app, 0 not, -1 unknown.
 */
int
bbh_agent_get_is_app (BbhAgent *self)
{
  g_return_val_if_fail (BBH_IS_AGENT (self), -1);
  return self->is_app;
}

gboolean
bbh_agent_get_is_admin (BbhAgent *self)
{
  g_return_val_if_fail (BBH_IS_AGENT (self), FALSE);
  return self->status == BBH_AGENT_STATUS_ADMIN;
}

/**
 * bbh_agent_describe_status:
 * @status: a #BbhAgentStatus
 *
 * Returns: (transfer none): the role in words, translated.
 */
const char *
bbh_agent_describe_status (int status)
{
  switch (status)
    {
    case BBH_AGENT_STATUS_AGENT:
      return _("Agent");
    case BBH_AGENT_STATUS_DISABLED:
      return _("Disabled");
    case BBH_AGENT_STATUS_ADMIN:
      return _("Administrator");
    case BBH_AGENT_STATUS_STAFF:
      return _("Staff, not an agent");
    default:
      return _("Unknown role");
    }
}

/**
 * bbh_agent_describe_login_type:
 * @login_type: a #BbhLoginType
 *
 * Returns: (transfer none): how the agent takes calls, in words, translated.
 */
const char *
bbh_agent_describe_login_type (int login_type)
{
  switch (login_type)
    {
    case BBH_LOGIN_TYPE_SOFTPHONE:
      return _("Softphone");
    case BBH_LOGIN_TYPE_USB_BOX:
      return _("USB phone box");
    case BBH_LOGIN_TYPE_APP:
      return _("Mobile app");
    case BBH_LOGIN_TYPE_SIP_PHONE:
      return _("SIP desk phone");
    default:
      return _("Unknown login type");
    }
}
