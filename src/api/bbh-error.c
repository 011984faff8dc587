/* bbh-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bbh-error"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bbh-error.h"

G_DEFINE_QUARK (bbh-error-quark, bbh_error)

/**
 * bbh_error_describe:
 * @code: a server code from section 1.2 or a #BbhError
 *
 * Returns: (transfer none): a translated sentence that says what happened and, where the
 *   agent can do something about it, what to do.
 */
const char *
bbh_error_describe (int code)
{
  switch (code)
    {
    case BBH_ERROR_NETWORK:
      return _("The server reported a network error. Try again in a moment.");
    case BBH_ERROR_AUTH:
      return _("The account or password is wrong. Check them and log in again.");
    case BBH_ERROR_INTERNAL:
      return _("The server had an internal error. Try again; if it keeps happening, tell your administrator.");
    case BBH_ERROR_PERMISSION:
      return _("Your account does not have permission for this. Ask your company administrator.");
    case BBH_ERROR_SQL:
      return _("The server could not run its database query. Try again later.");
    case BBH_ERROR_EXISTS:
      return _("This already exists on the server.");
    case BBH_ERROR_NOT_FOUND:
      return _("The server has no such record. It may have been deleted.");
    case BBH_ERROR_OVER_MAXIMUM:
      return _("The server's limit was reached.");
    case BBH_ERROR_FILE_SAVE:
      return _("The server could not save the file.");
    case BBH_ERROR_GROUP:
      return _("The server rejected the group check.");
    case BBH_ERROR_PROTOCOL:
      return _("The server's answer was not understood. Check that the address points to an 800ing server.");
    case BBH_ERROR_HTTP:
      return _("The server answered with an HTTP error.");
    case BBH_ERROR_TLS:
      return _("The server's security certificate could not be verified. The connection was not made.");
    case BBH_ERROR_TIMEOUT:
      return _("The server did not answer in time. Check your network connection.");
    case BBH_ERROR_UNREACHABLE:
      return _("The server cannot be reached. Check the address and your network connection.");
    case BBH_ERROR_UNSUPPORTED:
      return _("The server does not support this function.");
    case BBH_ERROR_INVALID:
      return _("A value is not valid.");
    case BBH_ERROR_DEVICE_NOT_REGISTERED:
      return _("The device is not registered or not assigned to a user.");
    case BBH_ERROR_DEVICE_MAC_MISSING:
      return _("The device's MAC address is missing.");
    case BBH_ERROR_DEVICE_NOTHING:
      return _("There is nothing to process.");
    default:
      return _("The server refused the request.");
    }
}

/**
 * bbh_error_is_transient:
 * @error: an error from this library
 *
 * Returns: %TRUE if trying again later may succeed (the server was unreachable, slow, or
 *   answered garbage), %FALSE if the server meant it (wrong password, no permission …).
 */
gboolean
bbh_error_is_transient (const GError *error)
{
  if (error == NULL || error->domain != BBH_ERROR)
    return FALSE;

  switch (error->code)
    {
    case BBH_ERROR_NETWORK:
    case BBH_ERROR_INTERNAL:
    case BBH_ERROR_SQL:
    case BBH_ERROR_PROTOCOL:
    case BBH_ERROR_HTTP:
    case BBH_ERROR_TIMEOUT:
    case BBH_ERROR_UNREACHABLE:
      return TRUE;
    default:
      return FALSE;
    }
}
