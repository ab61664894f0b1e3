import { NodeOperationError, updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { assertUrlAllowed, sageRequest } from '../../../shared/transport';
import { failedItem } from '../../../shared/utils';
import { SDMO_CREDENTIAL_TYPE, type SdmoSession } from '../../helpers/connection';

const properties: INodeProperties[] = [
	{
		displayName: 'Revokes the access token the credential holds; the next request fetches a new one by itself',
		name: 'revokeNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['token'], operation: ['revoke'] } }, properties);

/** One revocation per execution: every item gets the same answer. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: SdmoSession): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const pairedItem = items.map((_, item) => ({ item }));
	try {
		const credentials = await this.getCredentials(SDMO_CREDENTIAL_TYPE);
		const token = typeof credentials.accessToken === 'string' ? credentials.accessToken : '';
		if (!token) return [{ json: { revoked: false, reason: 'The credential holds no access token' }, pairedItem }];
		const urls = await session.urls();
		if (typeof urls.invalidateToken !== 'string' || !urls.invalidateToken) {
			throw new NodeOperationError(node, 'The token response listed no invalidateToken URL, so the token cannot be revoked');
		}
		const url = assertUrlAllowed(node, urls.invalidateToken, session.connection.allowedUrls, 'The invalidateToken URL');
		await sageRequest.call(this, session.connection, {
			method: 'DELETE',
			url: url.toString(),
			headers: { 'x-tokens': `accessToken=${token}` },
			idempotent: true,
			action: 'Revoking the Sage DMO access token',
		});
		return [{ json: { revoked: true }, pairedItem }];
	} catch (error) {
		return [failedItem.call(this, error, 0)];
	}
}
