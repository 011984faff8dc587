/* bbh-extension.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bbh-extension"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bbh-error.h"
#include "bbh-extension-private.h"
#include "bbh-json-private.h"

struct _BbhExtension
{
  GObject parent_instance;

  gint64  id;
  char   *name;
  char   *extension;
  char   *company_number;
  char   *company_name;
  gboolean hide_phone_numbers;
  int     login_type;
  int     status;
  char   *session_id;
  gint64  company_id;
  char   *login_line;
};

G_DEFINE_FINAL_TYPE (BbhExtension, bbh_extension, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_EXTENSION,
  PROP_COMPANY_NUMBER,
  PROP_COMPANY_NAME,
  PROP_HIDE_PHONE_NUMBERS,
  PROP_LOGIN_TYPE,
  PROP_STATUS,
  PROP_IS_ADMIN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Keep every field we get; a missing optional field is not an error (PROTOCOL.md "Login").
 * The answer must carry at least the agent's id or extension, or it is not a login answer. */
gpointer
bbh_extension_parse (JsonObject  *root,
                     GError     **error)
{
  g_autoptr(BbhExtension) self = NULL;
  JsonObject *o = root;

  /* Some installations nest the agent under `data` or `extension`. */
  if (!json_object_has_member (o, "exteId") && !json_object_has_member (o, "extension"))
    {
      JsonObject *inner = bbh_json_get_object (root, "data");

      if (inner == NULL)
        inner = bbh_json_get_object (root, "userInfo");
      if (inner != NULL)
        o = inner;
    }

  if (!json_object_has_member (o, "exteId") && !json_object_has_member (o, "extension"))
    {
      g_set_error_literal (error, BBH_ERROR, BBH_ERROR_PROTOCOL,
                           _("The server's login answer did not name the agent. Check that the address points to an 800ing server."));
      return NULL;
    }

  self = g_object_new (BBH_TYPE_EXTENSION, NULL);
  self->id = bbh_json_get_int64 (o, "exteId", 0);
  self->name = bbh_json_dup_string_any (o, "name", "exteName", NULL);
  self->extension = bbh_json_dup_string_any (o, "extension", "exteExtension", NULL);
  self->company_number = bbh_json_dup_string (o, "compNumber");
  self->company_name = bbh_json_dup_string (o, "compName");
  self->hide_phone_numbers = bbh_json_get_int (o, "disablePhoneNum", 0) == 1;
  self->login_type = bbh_json_get_int (o, "exteLoginType", 0);
  self->status = bbh_json_get_int (o, "exteStatus", 0);
  self->session_id = bbh_json_dup_string (o, "sessionId");
  self->company_id = bbh_json_get_int64 (o, "compId", 0);
  self->login_line = bbh_json_dup_string (o, "loginLine");

  return g_steal_pointer (&self);
}

static void
bbh_extension_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  BbhExtension *self = BBH_EXTENSION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_EXTENSION:
      g_value_set_string (value, self->extension);
      break;
    case PROP_COMPANY_NUMBER:
      g_value_set_string (value, self->company_number);
      break;
    case PROP_COMPANY_NAME:
      g_value_set_string (value, self->company_name);
      break;
    case PROP_HIDE_PHONE_NUMBERS:
      g_value_set_boolean (value, self->hide_phone_numbers);
      break;
    case PROP_LOGIN_TYPE:
      g_value_set_int (value, self->login_type);
      break;
    case PROP_STATUS:
      g_value_set_int (value, self->status);
      break;
    case PROP_IS_ADMIN:
      g_value_set_boolean (value, bbh_extension_get_is_admin (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bbh_extension_finalize (GObject *object)
{
  BbhExtension *self = BBH_EXTENSION (object);

  g_free (self->name);
  g_free (self->extension);
  g_free (self->company_number);
  g_free (self->company_name);
  g_free (self->session_id);
  g_free (self->login_line);

  G_OBJECT_CLASS (bbh_extension_parent_class)->finalize (object);
}

static void
bbh_extension_class_init (BbhExtensionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = bbh_extension_get_property;
  object_class->finalize = bbh_extension_finalize;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXTENSION] =
    g_param_spec_string ("extension", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPANY_NUMBER] =
    g_param_spec_string ("company-number", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPANY_NAME] =
    g_param_spec_string ("company-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HIDE_PHONE_NUMBERS] =
    g_param_spec_boolean ("hide-phone-numbers", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOGIN_TYPE] =
    g_param_spec_int ("login-type", NULL, NULL, G_MININT, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL, G_MININT, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_IS_ADMIN] =
    g_param_spec_boolean ("is-admin", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bbh_extension_init (BbhExtension *self)
{
}

gint64
bbh_extension_get_id (BbhExtension *self)
{
  g_return_val_if_fail (BBH_IS_EXTENSION (self), 0);
  return self->id;
}

const char *
bbh_extension_get_name (BbhExtension *self)
{
  g_return_val_if_fail (BBH_IS_EXTENSION (self), NULL);
  return self->name;
}

const char *
bbh_extension_get_extension (BbhExtension *self)
{
  g_return_val_if_fail (BBH_IS_EXTENSION (self), NULL);
  return self->extension;
}

const char *
bbh_extension_get_company_number (BbhExtension *self)
{
  g_return_val_if_fail (BBH_IS_EXTENSION (self), NULL);
  return self->company_number;
}

const char *
bbh_extension_get_company_name (BbhExtension *self)
{
  g_return_val_if_fail (BBH_IS_EXTENSION (self), NULL);
  return self->company_name;
}

gboolean
bbh_extension_get_hide_phone_numbers (BbhExtension *self)
{
  g_return_val_if_fail (BBH_IS_EXTENSION (self), FALSE);
  return self->hide_phone_numbers;
}

int
bbh_extension_get_login_type (BbhExtension *self)
{
  g_return_val_if_fail (BBH_IS_EXTENSION (self), 0);
  return self->login_type;
}

int
bbh_extension_get_status (BbhExtension *self)
{
  g_return_val_if_fail (BBH_IS_EXTENSION (self), 0);
  return self->status;
}

/* exteStatus 2 is a company administrator (section 2.11.1). getExtension does not document
 * the field; when it is absent the app learns the truth from the server's -5 answers. */
gboolean
bbh_extension_get_is_admin (BbhExtension *self)
{
  g_return_val_if_fail (BBH_IS_EXTENSION (self), FALSE);
  return self->status == 2;
}

const char *
bbh_extension_get_session_id (BbhExtension *self)
{
  g_return_val_if_fail (BBH_IS_EXTENSION (self), NULL);
  return self->session_id;
}

gint64
bbh_extension_get_company_id (BbhExtension *self)
{
  g_return_val_if_fail (BBH_IS_EXTENSION (self), 0);
  return self->company_id;
}

const char *
bbh_extension_get_login_line (BbhExtension *self)
{
  g_return_val_if_fail (BBH_IS_EXTENSION (self), NULL);
  return self->login_line;
}
