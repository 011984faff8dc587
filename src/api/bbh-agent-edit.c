/* bbh-agent-edit.c
 *
 * The parameters of addExtension and editExtension (sections 2.11.1 and 2.11.2). A field
 * that was never set is not sent, so an edit changes only what the administrator touched.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bbh-agent-edit"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "bbh-agent-edit-private.h"

#define MIN_EXTENSION 400
#define MAX_EXTENSION 899

typedef enum
{
  SET_DEPARTMENT      = 1 << 0,
  SET_MOBILE_RULE     = 1 << 1,
  SET_STATUS          = 1 << 2,
  SET_RECORD          = 1 << 3,
  SET_LOGIN_TYPE      = 1 << 4,
  SET_TRANSFER_SHP_ID = 1 << 5,
  SET_APP             = 1 << 6,
  SET_SHP_ID          = 1 << 7,
} SetFlags;

struct _BbhAgentEdit
{
  GObject parent_instance;

  SetFlags set;
  gint64   id;
  char    *extension;
  char    *name;
  char    *password;
  gint64   department_id;
  char    *mobile;
  gboolean transfer_to_mobile;
  int      status;
  gboolean record;
  char    *memo[5];
  char    *login_name;
  int      login_type;
  gint64   transfer_shp_id;
  gboolean app_allowed;
  gint64   shp_id;
};

G_DEFINE_FINAL_TYPE (BbhAgentEdit, bbh_agent_edit, G_TYPE_OBJECT)

static gboolean
parse_extension (const char *text,
                 gint64     *out_value)
{
  gint64 value;

  if (text == NULL || *text == '\0')
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  if (!bbh_parse_int64 (text, &value) || value < MIN_EXTENSION || value > MAX_EXTENSION)
    return FALSE;
  *out_value = value;
  return TRUE;
}

static void
replace_string (char       **slot,
                const char  *value)
{
  char *copy = value != NULL ? g_strstrip (g_strdup (value)) : NULL;

  g_free (*slot);
  *slot = copy;
}

static void
bbh_agent_edit_finalize (GObject *object)
{
  BbhAgentEdit *self = BBH_AGENT_EDIT (object);

  g_free (self->extension);
  g_free (self->name);
  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_free (self->password);
  g_free (self->mobile);
  for (guint i = 0; i < G_N_ELEMENTS (self->memo); i++)
    g_free (self->memo[i]);
  g_free (self->login_name);

  G_OBJECT_CLASS (bbh_agent_edit_parent_class)->finalize (object);
}

static void
bbh_agent_edit_class_init (BbhAgentEditClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bbh_agent_edit_finalize;
}

static void
bbh_agent_edit_init (BbhAgentEdit *self)
{
}

/**
 * bbh_agent_edit_new:
 *
 * Returns: (transfer full): empty parameters, for addExtension.
 */
BbhAgentEdit *
bbh_agent_edit_new (void)
{
  return g_object_new (BBH_TYPE_AGENT_EDIT, NULL);
}

/**
 * bbh_agent_edit_new_for_id:
 * @exte_id: the agent's `exteId`
 *
 * Returns: (transfer full): parameters for editExtension that change nothing yet.
 */
BbhAgentEdit *
bbh_agent_edit_new_for_id (gint64 exte_id)
{
  BbhAgentEdit *self = bbh_agent_edit_new ();

  bbh_agent_edit_set_id (self, exte_id);
  return self;
}

void
bbh_agent_edit_set_id (BbhAgentEdit *self,
                       gint64        exte_id)
{
  g_return_if_fail (BBH_IS_AGENT_EDIT (self));
  self->id = exte_id;
}

gint64
bbh_agent_edit_get_id (BbhAgentEdit *self)
{
  g_return_val_if_fail (BBH_IS_AGENT_EDIT (self), 0);
  return self->id;
}

/**
 * bbh_agent_edit_set_extension:
 * @extension: (nullable): `exteExtension`, a number from 400 to 899; %NULL or empty to not
 *   send it
 *
 * The number is checked when the request is made, so that a wrong one is reported in words.
 */
void
bbh_agent_edit_set_extension (BbhAgentEdit *self,
                              const char   *extension)
{
  g_return_if_fail (BBH_IS_AGENT_EDIT (self));

  replace_string (&self->extension, extension);
  /* An emptied entry means "no extension", which adding then asks for. */
  if (self->extension != NULL && *self->extension == '\0')
    g_clear_pointer (&self->extension, g_free);
}

void
bbh_agent_edit_set_name (BbhAgentEdit *self,
                         const char   *name)
{
  g_return_if_fail (BBH_IS_AGENT_EDIT (self));
  replace_string (&self->name, name);
}

/**
 * bbh_agent_edit_set_password:
 * @password: (nullable): `extePassword`, the agent's new password in clear (the document
 *   asks for it so); %NULL to keep the current one
 */
void
bbh_agent_edit_set_password (BbhAgentEdit *self,
                             const char   *password)
{
  g_return_if_fail (BBH_IS_AGENT_EDIT (self));

  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_free (self->password);
  /* Not stripped: a password is what was typed. */
  self->password = g_strdup (password);
}

void
bbh_agent_edit_set_department_id (BbhAgentEdit *self,
                                  gint64        department_id)
{
  g_return_if_fail (BBH_IS_AGENT_EDIT (self));
  g_return_if_fail (department_id >= 0);
  self->department_id = department_id;
  self->set |= SET_DEPARTMENT;
}

/**
 * bbh_agent_edit_set_mobile:
 * @mobile: (nullable): `exteMobile`; an empty string clears it, %NULL does not send it
 */
void
bbh_agent_edit_set_mobile (BbhAgentEdit *self,
                           const char   *mobile)
{
  g_return_if_fail (BBH_IS_AGENT_EDIT (self));
  replace_string (&self->mobile, mobile);
}

/**
 * bbh_agent_edit_set_transfer_to_mobile:
 * @transfer: `exteinMobileRule`: whether calls go to the agent's mobile when the agent
 *   cannot take them
 */
void
bbh_agent_edit_set_transfer_to_mobile (BbhAgentEdit *self,
                                       gboolean      transfer)
{
  g_return_if_fail (BBH_IS_AGENT_EDIT (self));
  self->transfer_to_mobile = !!transfer;
  self->set |= SET_MOBILE_RULE;
}

/**
 * bbh_agent_edit_set_status:
 * @status: `exteStatus`, a #BbhAgentStatus
 */
void
bbh_agent_edit_set_status (BbhAgentEdit *self,
                           int           status)
{
  g_return_if_fail (BBH_IS_AGENT_EDIT (self));
  self->status = status;
  self->set |= SET_STATUS;
}

void
bbh_agent_edit_set_record (BbhAgentEdit *self,
                           gboolean      record)
{
  g_return_if_fail (BBH_IS_AGENT_EDIT (self));
  self->record = !!record;
  self->set |= SET_RECORD;
}

/**
 * bbh_agent_edit_set_memo:
 * @index: 1 for `exteMemo`, 2 to 5 for `exteMemo2` … `exteMemo5`
 * @memo: (nullable): the note; an empty string clears it, %NULL does not send it
 */
void
bbh_agent_edit_set_memo (BbhAgentEdit *self,
                         guint         index,
                         const char   *memo)
{
  g_return_if_fail (BBH_IS_AGENT_EDIT (self));
  g_return_if_fail (index >= 1 && index <= G_N_ELEMENTS (self->memo));

  g_free (self->memo[index - 1]);
  self->memo[index - 1] = g_strdup (memo);
}

void
bbh_agent_edit_set_login_name (BbhAgentEdit *self,
                               const char   *login_name)
{
  g_return_if_fail (BBH_IS_AGENT_EDIT (self));
  replace_string (&self->login_name, login_name);
}

/**
 * bbh_agent_edit_set_login_type:
 * @login_type: `exteLoginType`, a #BbhLoginType
 */
void
bbh_agent_edit_set_login_type (BbhAgentEdit *self,
                               int           login_type)
{
  g_return_if_fail (BBH_IS_AGENT_EDIT (self));
  self->login_type = login_type;
  self->set |= SET_LOGIN_TYPE;
}

/**
 * bbh_agent_edit_set_transfer_shp_id:
 * @shp_id: `exte_transfer_shpId`, the number shown when agents call each other
 */
void
bbh_agent_edit_set_transfer_shp_id (BbhAgentEdit *self,
                                    gint64        shp_id)
{
  g_return_if_fail (BBH_IS_AGENT_EDIT (self));
  g_return_if_fail (shp_id >= 0);
  self->transfer_shp_id = shp_id;
  self->set |= SET_TRANSFER_SHP_ID;
}

void
bbh_agent_edit_set_app_allowed (BbhAgentEdit *self,
                                gboolean      allowed)
{
  g_return_if_fail (BBH_IS_AGENT_EDIT (self));
  self->app_allowed = !!allowed;
  self->set |= SET_APP;
}

/**
 * bbh_agent_edit_set_shp_id:
 * @shp_id: `exte_shpId`, the caller id number the agent's calls show
 */
void
bbh_agent_edit_set_shp_id (BbhAgentEdit *self,
                           gint64        shp_id)
{
  g_return_if_fail (BBH_IS_AGENT_EDIT (self));
  g_return_if_fail (shp_id >= 0);
  self->shp_id = shp_id;
  self->set |= SET_SHP_ID;
}

/**
 * bbh_agent_edit_is_empty:
 *
 * Returns: %TRUE when no field but the id was set: an edit would change nothing.
 */
gboolean
bbh_agent_edit_is_empty (BbhAgentEdit *self)
{
  g_return_val_if_fail (BBH_IS_AGENT_EDIT (self), TRUE);

  if (self->set != 0 || self->extension != NULL || self->name != NULL || self->password != NULL
      || self->mobile != NULL || self->login_name != NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (self->memo); i++)
    if (self->memo[i] != NULL)
      return FALSE;
  return TRUE;
}

gboolean
bbh_agent_edit_validate (BbhAgentEdit  *self,
                         gboolean       for_edit,
                         GError       **error)
{
  gint64 extension;

  g_return_val_if_fail (BBH_IS_AGENT_EDIT (self), FALSE);

  if (for_edit && self->id <= 0)
    {
      g_set_error_literal (error, BBH_ERROR, BBH_ERROR_INVALID,
                           _("Choose the agent to change: the agent's id is missing."));
      return FALSE;
    }

  if (for_edit && bbh_agent_edit_is_empty (self))
    {
      g_set_error_literal (error, BBH_ERROR, BBH_ERROR_INVALID,
                           _("Nothing was changed, so there is nothing to save."));
      return FALSE;
    }

  if (!for_edit && self->extension == NULL)
    {
      g_set_error (error, BBH_ERROR, BBH_ERROR_INVALID,
                   _("Enter the new agent's extension, a number from %d to %d."),
                   MIN_EXTENSION, MAX_EXTENSION);
      return FALSE;
    }

  if (self->extension != NULL && !parse_extension (self->extension, &extension))
    {
      g_set_error (error, BBH_ERROR, BBH_ERROR_INVALID,
                   /* Translators: the first %s is what was typed, the numbers are a range */
                   _("The extension “%s” is not valid: it must be a number from %d to %d."),
                   self->extension, MIN_EXTENSION, MAX_EXTENSION);
      return FALSE;
    }

  if (self->name != NULL && *self->name == '\0')
    {
      g_set_error_literal (error, BBH_ERROR, BBH_ERROR_INVALID,
                           _("The agent's name cannot be empty."));
      return FALSE;
    }

  if (self->password != NULL && *self->password == '\0')
    {
      g_set_error_literal (error, BBH_ERROR, BBH_ERROR_INVALID,
                           _("The password cannot be empty."));
      return FALSE;
    }

  if (self->mobile != NULL && *self->mobile != '\0'
      && !bbh_check_phone (self->mobile, _("mobile number"), error))
    return FALSE;

  if ((self->set & SET_STATUS)
      && self->status != BBH_AGENT_STATUS_AGENT && self->status != BBH_AGENT_STATUS_DISABLED
      && self->status != BBH_AGENT_STATUS_ADMIN && self->status != BBH_AGENT_STATUS_STAFF)
    {
      g_set_error_literal (error, BBH_ERROR, BBH_ERROR_INVALID,
                           _("The agent's role must be agent, disabled, administrator or staff."));
      return FALSE;
    }

  if ((self->set & SET_LOGIN_TYPE)
      && self->login_type != BBH_LOGIN_TYPE_SOFTPHONE && self->login_type != BBH_LOGIN_TYPE_USB_BOX
      && self->login_type != BBH_LOGIN_TYPE_APP && self->login_type != BBH_LOGIN_TYPE_SIP_PHONE)
    {
      g_set_error_literal (error, BBH_ERROR, BBH_ERROR_INVALID,
                           _("The login type must be softphone, USB phone box, mobile app or SIP desk phone."));
      return FALSE;
    }

  return TRUE;
}

/* In the document's order; call only after bbh_agent_edit_validate(). */
void
bbh_agent_edit_append_params (BbhAgentEdit *self,
                              gboolean      for_edit,
                              BbhParams    *params)
{
  static const char * const memo_names[] = {
    "exteMemo", "exteMemo2", "exteMemo3", "exteMemo4", "exteMemo5",
  };
  gint64 extension;

  g_return_if_fail (BBH_IS_AGENT_EDIT (self));

  if (for_edit)
    bbh_params_add_int (params, "exteId", self->id);
  if (self->extension != NULL && parse_extension (self->extension, &extension))
    bbh_params_add_int (params, "exteExtension", extension);
  bbh_params_add (params, "exteName", self->name);
  bbh_params_add (params, "extePassword", self->password);
  if (self->set & SET_DEPARTMENT)
    bbh_params_add_int (params, "exte_deptId", self->department_id);
  bbh_params_add (params, "exteMobile", self->mobile);
  if (self->set & SET_MOBILE_RULE)
    bbh_params_add_int (params, "exteinMobileRule", self->transfer_to_mobile ? 1 : 0);
  if (self->set & SET_STATUS)
    bbh_params_add_int (params, "exteStatus", self->status);
  if (self->set & SET_RECORD)
    bbh_params_add_int (params, "exteIsRecord", self->record ? 1 : 0);
  for (guint i = 0; i < G_N_ELEMENTS (memo_names); i++)
    bbh_params_add (params, memo_names[i], self->memo[i]);
  bbh_params_add (params, "exteLoginName", self->login_name);
  if (self->set & SET_LOGIN_TYPE)
    bbh_params_add_int (params, "exteLoginType", self->login_type);
  if (self->set & SET_TRANSFER_SHP_ID)
    bbh_params_add_int (params, "exte_transfer_shpId", self->transfer_shp_id);
  if (self->set & SET_APP)
    bbh_params_add_int (params, "exteIsApp", self->app_allowed ? 1 : 0);
  if (self->set & SET_SHP_ID)
    bbh_params_add_int (params, "exte_shpId", self->shp_id);
}
